// Package calendar knows the calendars time series live on: it parses
// dates in the forms spreadsheets and databases write (ISO 8601, day- or
// month-first with any separator, quarters, spelled-out months, years,
// Unix times; DateParser, GuessKind), infers a series' frequency from its
// timestamps (InferFreq: seconds to years, with multiples, business days
// and month ends), steps along it (Freq.Next) and names the usual season
// (Freq.SeasonalPeriod: months 12, quarters 4, days 7, business days 5,
// hours 24, weeks 52, years 1). Package tsdata reads files with it; it
// imports nothing of the project.
package calendar
