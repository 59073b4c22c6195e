// Package textsafe makes user-supplied text safe to draw on a terminal.
//
// Patient names, notes and every other string typed by one user may be shown
// on another user's terminal, locally or over SSH. A string that carries
// escape sequences could clear that screen, retitle the window, write to the
// clipboard (OSC 52) or forge what staff read. Every user string therefore
// passes through [Line] or [Block] before it is drawn; both return text that
// holds no control characters, no escape sequences (7-bit or 8-bit), no
// bidirectional controls and no invalid UTF-8, so the terminal only ever
// receives printable characters. [Width] and [Truncate] measure and cut such
// text in terminal cells, grapheme by grapheme, the way the UI lays it out.
package textsafe
