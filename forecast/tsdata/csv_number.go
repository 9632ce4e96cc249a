package tsdata

import (
	"math"
	"strconv"
)

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// numParser parses numeric cells. dec is the decimal separator ('.' or ',');
// the other of the two, spaces, apostrophes and narrow/no-break spaces are
// accepted as thousands separators. scratch avoids allocations in the slow path.
type numParser struct {
	dec     byte
	scratch []byte
}

// parse returns the value of b and whether b is a number. Infinite values
// ("inf", "1e999") are returned as ±Inf with ok true; callers check.
//
// The fast path handles plain decimals of up to 15 significant digits
// exactly (Clinger: an exact integer mantissa divided by an exact power of
// ten is correctly rounded); anything else is normalised into scratch and
// handed to strconv.ParseFloat, so results equal strconv's.
func (p *numParser) parse(b []byte) (float64, bool) {
	i, n := 0, len(b)
	if n == 0 {
		return 0, false
	}
	neg := false
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i++
	}
	var mant uint64
	digits, frac := 0, 0
	seenDec, sawDigit := false, false
	for ; i < n; i++ {
		c := b[i]
		if c >= '0' && c <= '9' {
			sawDigit = true
			if mant != 0 || c != '0' {
				digits++
				if digits <= 19 {
					mant = mant*10 + uint64(c-'0')
				}
			}
			if seenDec {
				frac++
			}
			continue
		}
		if c == p.dec && !seenDec {
			seenDec = true
			continue
		}
		break
	}
	if i == n && sawDigit && digits <= 15 && frac <= 22 {
		v := float64(mant) / pow10[frac]
		if neg {
			v = -v
		}
		return v, true
	}
	return p.slow(b)
}

// slow validates and normalises b (thousands separators removed, decimal
// comma turned into a point) and parses it with strconv.
func (p *numParser) slow(b []byte) (float64, bool) {
	s := p.scratch[:0]
	i, n := 0, len(b)
	if b[0] == '-' || b[0] == '+' {
		s = append(s, b[0])
		i++
	}
	rest := b[i:]
	if v, ok := parseInfWord(rest); ok {
		if len(s) > 0 && s[0] == '-' {
			v = -v
		}
		return v, true
	}
	thou := byte(',')
	if p.dec == ',' {
		thou = '.'
	}
	intDigits, groupLen, groups := 0, 0, 0
	seenDec, seenExp, seenDigit := false, false, false
	for ; i < n; i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			s = append(s, c)
			seenDigit = true
			if !seenDec && !seenExp {
				intDigits++
				groupLen++
			}
		case c == p.dec && !seenDec && !seenExp:
			if groups > 0 && groupLen != 3 {
				return 0, false
			}
			seenDec = true
			s = append(s, '.')
		case (c == thou || c == ' ' || c == '\'') && !seenDec && !seenExp:
			// thousands separator: the group before must be 1-3 digits
			// (first group) or exactly 3 digits.
			if intDigits == 0 || (groups == 0 && groupLen > 3) || (groups > 0 && groupLen != 3) {
				return 0, false
			}
			groups++
			groupLen = 0
		case c == 0xC2 && i+1 < n && b[i+1] == 0xA0 && !seenDec && !seenExp: // U+00A0 no-break space
			if intDigits == 0 || (groups == 0 && groupLen > 3) || (groups > 0 && groupLen != 3) {
				return 0, false
			}
			groups++
			groupLen = 0
			i++
		case c == 0xE2 && i+2 < n && b[i+1] == 0x80 && b[i+2] == 0xAF && !seenDec && !seenExp: // U+202F narrow no-break space
			if intDigits == 0 || (groups == 0 && groupLen > 3) || (groups > 0 && groupLen != 3) {
				return 0, false
			}
			groups++
			groupLen = 0
			i += 2
		case (c == 'e' || c == 'E') && seenDigit && !seenExp:
			seenExp = true
			s = append(s, 'e')
			if i+1 < n && (b[i+1] == '-' || b[i+1] == '+') {
				s = append(s, b[i+1])
				i++
			}
			if i+1 >= n {
				return 0, false
			}
		default:
			return 0, false
		}
	}
	if !seenDigit || (groups > 0 && !seenDec && groupLen != 3) || (groups > 0 && seenExp && !seenDec && groupLen != 3) {
		return 0, false
	}
	p.scratch = s
	v, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return v, true // ±Inf or 0 (underflow)
		}
		return 0, false
	}
	return v, true
}

func parseInfWord(b []byte) (float64, bool) {
	switch len(b) {
	case 3:
		if lowerEq(b, "inf") {
			return math.Inf(1), true
		}
	case 8:
		if lowerEq(b, "infinity") {
			return math.Inf(1), true
		}
	}
	if len(b) == 3 && b[0] == 0xE2 && b[1] == 0x88 && b[2] == 0x9E { // ∞
		return math.Inf(1), true
	}
	return 0, false
}

// lowerEq reports whether b equals the lower-case ASCII word w, ignoring case.
func lowerEq(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := range b {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// isMissing reports whether a (trimmed) cell is a missing-value token:
// empty, NA, N/A, #N/A, NaN, null, None, "-" or "?" (case-insensitive).
func isMissing(b []byte) bool {
	switch len(b) {
	case 0:
		return true
	case 1:
		return b[0] == '-' || b[0] == '?' || b[0] == '.'
	case 2:
		return lowerEq(b, "na")
	case 3:
		return lowerEq(b, "nan") || lowerEq(b, "n/a") || lowerEq(b, "#na")
	case 4:
		return lowerEq(b, "null") || lowerEq(b, "none") || lowerEq(b, "#n/a") || lowerEq(b, "-nan")
	}
	return false
}

// grouped reports whether the digits of b are split by sep into a first
// group of 1–3 digits and further groups of exactly 3 (thousands).
func grouped(b []byte, sep byte) bool {
	i := 0
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		i++
	}
	n, first := 0, true
	for ; i <= len(b); i++ {
		if i == len(b) || b[i] == sep {
			if (first && (n < 1 || n > 3)) || (!first && n != 3) {
				return false
			}
			first, n = false, 0
			continue
		}
		if b[i] < '0' || b[i] > '9' {
			return false
		}
		n++
	}
	return true
}

// decimalVote inspects a cell and votes for the decimal separator: +1 for a
// decimal comma, -1 for a decimal point, 0 when the cell does not tell.
func decimalVote(b []byte) int {
	lastComma, lastDot, commas, dots, digits := -1, -1, 0, 0, 0
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ',':
			lastComma = i
			commas++
		case c == '.':
			lastDot = i
			dots++
		case c == '-' || c == '+' || c == ' ' || c == '\'' || c == 'e' || c == 'E':
		default:
			return 0
		}
	}
	if digits == 0 {
		return 0
	}
	switch {
	case commas > 0 && dots > 0:
		if lastComma > lastDot {
			return 1
		}
		return -1
	case commas > 1:
		if grouped(b, ',') {
			return -1 // 1,234,567: thousands commas
		}
		return 0
	case dots > 1:
		if grouped(b, '.') {
			return 1 // 1.234.567
		}
		return 0 // 01.02.2020 is a date, not a number
	case commas == 1:
		if len(b)-lastComma-1 != 3 {
			return 1
		}
		return 0
	case dots == 1:
		if len(b)-lastDot-1 != 3 {
			return -1
		}
		return 0
	}
	return 0
}
