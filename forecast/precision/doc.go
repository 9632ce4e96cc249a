// Package precision says how precise a series' numbers are and how many
// digits an export of a forecast or a training history carries: Decimals
// is the precision of the input as written in its file (the fewest decimals
// that write 95 % of its values, so points filled in for gaps do not
// count), Export is two decimals more (at least four significant digits),
// Sig6 six significant digits. The window's tables start from Decimals,
// the CSV exports (forecast.RoundRecords) from Export; the README states
// both.
package precision
