// Package printout lays out what ClinicDesk prints: the appointment receipt, the
// pharmacy's sale receipt, its dispensing labels and the doctor's prescription page.
//
// Every function here is pure: plain data in, plain text out. The store reads the data
// (checking who may see it), converts times to the clinic's zone and resolves its own
// tables (a frequency's words, a doctor's title), then calls this package; nothing here
// reads a database, a clock or a file.
//
// Receipts and labels are [ReceiptWidth] cells wide and the prescription page
// [PageWidth]: long values wrap within those widths, and no line is wider. Every string
// that comes from the input passes through internal/textsafe on its way to the text, so
// a name carrying escape codes prints as its visible characters only and the text can be
// shown on a terminal or written to a file as it is.
package printout
