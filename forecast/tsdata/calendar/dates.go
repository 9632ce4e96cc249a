package calendar

import (
	"strconv"
	"strings"
	"time"
)

// DateKind is a family of date layouts recognised by the reader.
type DateKind uint8

const (
	KindNone   DateKind = iota
	KindISO             // 2006-01-02, 2006-01-02 15:04[:05[.000]], 2006-01-02T15:04:05Z07:00 (RFC 3339)
	dkISOMonth          // 2006-01
	dkYMDSlash          // 2006/01/02 [15:04[:05]]
	KindDotDMY          // 02.01.2006 [15:04[:05]]
	KindAB              // 01/02/2006 or 02/01/2006 (also with '-'); order from the data
	dkQuarter           // 2006Q1, 2006-Q1, 2006 Q1
	KindYear            // integer years, negative allowed (-6000 = 6001 BC, astronomical numbering)
	KindUnixS           // Unix seconds
	KindUnixMS          // Unix milliseconds
	KindLayout          // one of textLayouts, via time.Parse
)

// textLayouts are tried (slowly, with time.Parse) when no fast layout fits.
var textLayouts = []string{
	"Jan 2006", "January 2006", "Jan-2006", "2006-Jan", "Jan-06",
	"02-Jan-2006", "2-Jan-2006", "02 Jan 2006", "2 Jan 2006", "2 January 2006",
	"Jan 2, 2006", "January 2, 2006", "Mon, 02 Jan 2006 15:04:05 MST",
	"Mon Jan 2 15:04:05 2006", "20060102",
}

// describe returns a human-readable layout name for reports.
func (k DateKind) Describe(dayFirst bool, sep byte, layout string) string {
	switch k {
	case KindISO:
		return "ISO 8601 (2006-01-02)"
	case dkISOMonth:
		return "year-month (2006-01)"
	case dkYMDSlash:
		return "2006/01/02"
	case KindDotDMY:
		return "02.01.2006"
	case KindAB:
		s := string(sep)
		if dayFirst {
			return "day first (02" + s + "01" + s + "2006)"
		}
		return "month first (01" + s + "02" + s + "2006)"
	case dkQuarter:
		return "quarter (2006Q1)"
	case KindYear:
		return "year"
	case KindUnixS:
		return "Unix seconds"
	case KindUnixMS:
		return "Unix milliseconds"
	case KindLayout:
		return layout
	}
	return ""
}

// DateParser parses cells of one date column. It keeps a cache of fixed
// zones so RFC 3339 offsets do not allocate per row.
type DateParser struct {
	Kind     DateKind
	DayFirst bool   // 02/01/2006 is 2 January
	Layout   string // for KindLayout
	zones    map[int]*time.Location
}

// DaysFromCivil returns the number of days since 1970-01-01 of the proleptic
// Gregorian date y-m-d (H. Hinnant's algorithm; valid for negative years).
func DaysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	var era int
	if y >= 0 {
		era = y / 400
	} else {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// ReadInt reads between min and max decimal digits at b[i:].
func ReadInt(b []byte, i, min, max int) (v, next int, ok bool) {
	j := i
	for j < len(b) && j-i < max && b[j] >= '0' && b[j] <= '9' {
		v = v*10 + int(b[j]-'0')
		j++
	}
	if j-i < min {
		return 0, i, false
	}
	return v, j, true
}

// clock is a parsed time of day with an optional UTC offset in seconds.
type clock struct {
	sec, nsec int
	off       int
	hasOff    bool
}

// parseClock parses an optional time part at b[i:]: ("T"|" ")HH:MM[:SS[.fff]]
// followed by an optional zone (Z, ±HH:MM, ±HHMM, ±HH, " UTC").
func parseClock(b []byte, i int) (c clock, ok bool) {
	if i == len(b) {
		return c, true
	}
	if b[i] != 'T' && b[i] != ' ' && b[i] != 't' {
		return c, false
	}
	i++
	for i < len(b) && b[i] == ' ' {
		i++
	}
	h, i, ok := ReadInt(b, i, 1, 2)
	if !ok || i >= len(b) || b[i] != ':' || h > 23 {
		return c, false
	}
	m, i, ok := ReadInt(b, i+1, 2, 2)
	if !ok || m > 59 {
		return c, false
	}
	s := 0
	if i < len(b) && b[i] == ':' {
		s, i, ok = ReadInt(b, i+1, 2, 2)
		if !ok || s > 59 {
			return c, false
		}
		if i < len(b) && (b[i] == '.' || b[i] == ',') {
			j := i + 1
			ns, scale := 0, 100000000
			for j < len(b) && b[j] >= '0' && b[j] <= '9' {
				ns += int(b[j]-'0') * scale
				scale /= 10
				j++
			}
			if j == i+1 {
				return c, false
			}
			c.nsec = ns
			i = j
		}
	}
	c.sec = h*3600 + m*60 + s
	if i == len(b) {
		return c, true
	}
	if b[i] == ' ' {
		i++
		if string(b[i:]) == "UTC" || string(b[i:]) == "GMT" {
			c.hasOff = true
			return c, true
		}
		if i == len(b) {
			return c, false
		}
	}
	switch b[i] {
	case 'Z', 'z':
		c.hasOff = true
		return c, i+1 == len(b)
	case '+', '-':
		sign := 1
		if b[i] == '-' {
			sign = -1
		}
		oh, j, ok := ReadInt(b, i+1, 2, 2)
		if !ok || oh > 14 {
			return c, false
		}
		om := 0
		if j < len(b) && b[j] == ':' {
			j++
		}
		if j < len(b) {
			om, j, ok = ReadInt(b, j, 2, 2)
			if !ok || om > 59 {
				return c, false
			}
		}
		if j != len(b) {
			return c, false
		}
		c.off = sign * (oh*3600 + om*60)
		c.hasOff = true
		return c, true
	}
	return c, false
}

func (p *DateParser) make(y, mo, d int, c clock) time.Time {
	secs := DaysFromCivil(y, mo, d)*86400 + int64(c.sec)
	if !c.hasOff || c.off == 0 {
		return time.Unix(secs, int64(c.nsec)).UTC()
	}
	loc := p.zones[c.off]
	if loc == nil {
		if p.zones == nil {
			p.zones = make(map[int]*time.Location)
		}
		loc = time.FixedZone("", c.off)
		p.zones[c.off] = loc
	}
	return time.Unix(secs-int64(c.off), int64(c.nsec)).In(loc)
}

func validYMD(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}

// parse parses one non-missing, trimmed cell.
func (p *DateParser) Parse(b []byte) (time.Time, bool) {
	switch p.Kind {
	case KindISO:
		// fast path: exactly YYYY-MM-DD
		if len(b) == 10 && b[4] == '-' && b[7] == '-' {
			y := int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
			m := int(b[5]-'0')*10 + int(b[6]-'0')
			d := int(b[8]-'0')*10 + int(b[9]-'0')
			if allDigits(b[0:4]) && allDigits(b[5:7]) && allDigits(b[8:10]) && validYMD(y, m, d) {
				return time.Unix(DaysFromCivil(y, m, d)*86400, 0).UTC(), true
			}
			return time.Time{}, false
		}
		return p.ymd(b, '-')
	case dkYMDSlash:
		return p.ymd(b, '/')
	case dkISOMonth:
		y, i, ok := ReadInt(b, 0, 4, 4)
		if !ok || i >= len(b) || b[i] != '-' {
			return time.Time{}, false
		}
		m, i, ok := ReadInt(b, i+1, 2, 2)
		if !ok || i != len(b) || m < 1 || m > 12 {
			return time.Time{}, false
		}
		return p.make(y, m, 1, clock{}), true
	case KindDotDMY, KindAB:
		a, i, ok := ReadInt(b, 0, 1, 2)
		if !ok || i >= len(b) {
			return time.Time{}, false
		}
		sep := b[i]
		if sep != '/' && sep != '.' && sep != '-' {
			return time.Time{}, false
		}
		c, i, ok := ReadInt(b, i+1, 1, 2)
		if !ok || i >= len(b) || b[i] != sep {
			return time.Time{}, false
		}
		y, i, ok := ReadInt(b, i+1, 4, 4)
		if !ok {
			return time.Time{}, false
		}
		cl, ok := parseClock(b, i)
		if !ok {
			return time.Time{}, false
		}
		d, m := c, a
		if p.Kind == KindDotDMY || p.DayFirst {
			d, m = a, c
		}
		if !validYMD(y, m, d) {
			return time.Time{}, false
		}
		return p.make(y, m, d, cl), true
	case dkQuarter:
		y, i, ok := ReadInt(b, 0, 4, 4)
		if !ok || i >= len(b) {
			return time.Time{}, false
		}
		if b[i] == '-' || b[i] == ' ' {
			i++
		}
		if i+2 != len(b) || (b[i] != 'Q' && b[i] != 'q') || b[i+1] < '1' || b[i+1] > '4' {
			return time.Time{}, false
		}
		return p.make(y, int(b[i+1]-'0')*3-2, 1, clock{}), true
	case KindLayout:
		t, err := time.Parse(p.Layout, string(b))
		return t, err == nil
	}
	return time.Time{}, false
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// ymd parses YYYY<sep>MM<sep>DD followed by an optional clock.
func (p *DateParser) ymd(b []byte, sep byte) (time.Time, bool) {
	y, i, ok := ReadInt(b, 0, 4, 4)
	if !ok || i >= len(b) || b[i] != sep {
		return time.Time{}, false
	}
	m, i, ok := ReadInt(b, i+1, 1, 2)
	if !ok || i >= len(b) || b[i] != sep {
		return time.Time{}, false
	}
	d, i, ok := ReadInt(b, i+1, 1, 2)
	if !ok || !validYMD(y, m, d) {
		return time.Time{}, false
	}
	c, ok := parseClock(b, i)
	if !ok {
		return time.Time{}, false
	}
	return p.make(y, m, d, c), true
}

// fromNumber converts a numeric cell of a year or Unix-time column.
func (p *DateParser) FromNumber(v float64) time.Time {
	switch p.Kind {
	case KindYear:
		return time.Unix(DaysFromCivil(int(v), 1, 1)*86400, 0).UTC()
	case KindUnixS:
		s := int64(v)
		return time.Unix(s, int64((v-float64(s))*1e9)).UTC()
	case KindUnixMS:
		ms := int64(v)
		return time.UnixMilli(ms).UTC()
	}
	return time.Time{}
}

// GuessKind proposes a layout family from the shape of one cell. For
// KindAB the day order is decided later from all cells.
func GuessKind(b []byte) (DateKind, string) {
	if len(b) < 6 {
		return KindNone, ""
	}
	n := 0
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	if n < len(b) {
		c := b[n]
		switch {
		case n == 4 && c == '-':
			if len(b) == 7 {
				return dkISOMonth, ""
			}
			if len(b) == 7 || (len(b) > 5 && (b[5] == 'Q' || b[5] == 'q')) {
				return dkQuarter, ""
			}
			return KindISO, ""
		case n == 4 && c == '/':
			return dkYMDSlash, ""
		case n == 4 && (c == 'Q' || c == 'q' || c == ' ' && len(b) == 7):
			return dkQuarter, ""
		case (n == 1 || n == 2) && c == '.':
			return KindDotDMY, ""
		case (n == 1 || n == 2) && (c == '/' || c == '-'):
			return KindAB, ""
		}
	}
	s := string(b)
	for _, l := range textLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return KindLayout, l
		}
	}
	return KindNone, ""
}

// DateNameHint reports whether a column name suggests dates or times: one
// of its words (split at non-letters) is date, time, timestamp, datetime,
// ts, epoch, unix, day, week, month, quarter, year, period, ds or a
// translation (datum, fecha, zeit, jahr, monat …).
func DateNameHint(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r > 127)
	})
	for _, w := range words {
		switch w {
		case "date", "time", "timestamp", "datetime", "ts", "epoch", "unix", "day", "week", "month", "quarter",
			"year", "yr", "period", "ds", "datum", "fecha", "data", "zeit", "jahr", "monat", "tag", "année", "annee",
			"mois", "jour", "año", "mes", "dia", "anno", "mese", "giorno":
			return true
		}
	}
	return false
}

// YearNameHint reports whether a column name says it holds years:
// "year", "yr", "years", "jahr", "année", "año", "anno", or ending in
// "_year", " year", "-year".
func YearNameHint(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "year", "yr", "years", "jahr", "année", "annee", "año", "anno", "ano", "anio":
		return true
	}
	return strings.HasSuffix(n, "_year") || strings.HasSuffix(n, " year") || strings.HasSuffix(n, "-year")
}

// NoTime marks a missing cell in Column.Times. (The zero time.Time cannot:
// it is a valid year-1 date in long yearly series.)
var NoTime = time.Unix(-1<<62, 0).UTC()

func IsNoTime(t time.Time) bool { return t.Unix() == -1<<62 }

func FormatDate(t time.Time) string {
	if IsNoTime(t) {
		return ""
	}
	h, m, s := t.Clock()
	if h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		y := t.Year()
		if y < 0 || y > 9999 {
			return strconv.Itoa(y) + t.Format("-01-02")
		}
		return t.Format("2006-01-02")
	}
	_, off := t.Zone()
	if off == 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format(time.RFC3339)
}
