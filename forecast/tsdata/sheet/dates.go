package sheet

import (
	"math"
	"time"
)

// Epochs of the spreadsheet date systems. In the 1900 system serial 1 is
// 1900-01-01 and 61 is 1900-03-01: Excel, like Lotus 1-2-3 before it,
// counts a 29 February 1900 that never was (serial 60), so serials below
// 60 count from 1899-12-31 and the others from 1899-12-30. In the 1904
// system (old Mac workbooks, the date1904 flag) serial 0 is 1904-01-01.
var (
	epoch1900      = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	epoch1900After = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904      = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// maxSerial is 9999-12-31, the last day a spreadsheet shows.
const maxSerial = 2958465

// serialTime converts a date serial number to a time, to the nearest
// millisecond. ok is false for a negative serial, one past 9999, and the
// 1900 system's 29 February 1900 (serial 60).
func serialTime(v float64, date1904 bool) (t time.Time, ok bool) {
	if !(v >= 0 && v < maxSerial+1) {
		return time.Time{}, false
	}
	days := math.Floor(v)
	ms := math.Round((v - days) * 86400e3)
	if ms >= 86400e3 {
		days, ms = days+1, 0
	}
	base := epoch1904
	if !date1904 {
		switch {
		case days == 60:
			return time.Time{}, false
		case days < 60:
			base = epoch1900
		default:
			base = epoch1900After
		}
	}
	return base.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond), true
}

// isoText writes a time as the CSV reader reads it: 2006-01-02 at
// midnight, else with the time of day to the second or millisecond.
func isoText(t time.Time) string {
	switch {
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format("2006-01-02")
	case t.Nanosecond() == 0:
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04:05.000")
}
