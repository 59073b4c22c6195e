package printout

import (
	"fmt"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

// Widths of the printouts, in terminal cells.
const (
	ReceiptWidth = 40 // receipts and dispensing labels
	PageWidth    = 80 // the prescription page
)

// sheet builds a printout of a fixed width. Everything written through it is made
// terminal-safe and wrapped to the width, so no caller has to remember either.
type sheet struct {
	b     strings.Builder
	width int
}

// line writes s (made one safe line) wrapped to the sheet's width.
func (p *sheet) line(s string) { p.indented(0, s) }

// blank writes an empty line.
func (p *sheet) blank() { p.b.WriteString("\n") }

// rule writes a line of ch across the sheet.
func (p *sheet) rule(ch string) { p.b.WriteString(strings.Repeat(ch, p.width) + "\n") }

// centred writes s centred on the sheet, wrapped when it is wider.
func (p *sheet) centred(s string) {
	for _, l := range wrap(textsafe.Line(s), p.width) {
		p.b.WriteString(strings.Repeat(" ", (p.width-textsafe.Width(l))/2) + l + "\n")
	}
}

// indented writes s wrapped to the width less indent, each row indented by indent
// spaces.
func (p *sheet) indented(indent int, s string) {
	for _, l := range wrap(textsafe.Line(s), p.width-indent) {
		p.b.WriteString(strings.TrimRight(strings.Repeat(" ", indent)+l, " ") + "\n")
	}
}

// field writes label padded to col cells and then value, which wraps in the room
// right of col; its continuation rows start at col.
func (p *sheet) field(label string, col int, value string) {
	label = textsafe.Line(label)
	rows := wrap(textsafe.Line(value), p.width-col)
	pad := max(1, col-textsafe.Width(label))
	p.b.WriteString(strings.TrimRight(label+strings.Repeat(" ", pad)+rows[0], " ") + "\n")
	for _, r := range rows[1:] {
		p.b.WriteString(strings.Repeat(" ", col) + r + "\n")
	}
}

// ends writes left, indented by indent spaces, and right on one row, right flush with
// the edge; when they do not both fit, right goes flush right on the row below.
func (p *sheet) ends(indent int, left, right string) {
	left, right = textsafe.Line(left), textsafe.Line(right)
	lw, rw := indent+textsafe.Width(left), textsafe.Width(right)
	if lw+1+rw <= p.width {
		p.b.WriteString(strings.Repeat(" ", indent) + left + strings.Repeat(" ", p.width-lw-rw) + right + "\n")
		return
	}
	p.indented(indent, left)
	for _, r := range wrap(right, p.width) {
		p.b.WriteString(strings.Repeat(" ", p.width-textsafe.Width(r)) + r + "\n")
	}
}

func (p *sheet) String() string { return p.b.String() }

// wrap breaks the safe line s into rows of at most width cells at spaces, cutting a
// word that is wider than a row between grapheme clusters. Spaces inside a row are
// kept as they are; those at a row's ends are dropped. It always returns at least one
// row, "" for blank s.
func wrap(s string, width int) []string {
	width = max(1, width)
	var rows []string
	row := ""
	flush := func() {
		if row = strings.TrimRight(row, " "); row != "" {
			rows = append(rows, row)
		}
		row = ""
	}
	for i, word := range strings.Split(s, " ") {
		if i > 0 && row != "" {
			row += " "
		}
		for textsafe.Width(word) > width {
			flush()
			head, tail := cut(word, width)
			rows, word = append(rows, head), tail
		}
		if row != "" && textsafe.Width(row)+textsafe.Width(word) > width {
			flush()
		}
		row += word
	}
	flush()
	if len(rows) == 0 {
		rows = append(rows, "")
	}
	return rows
}

// cut splits s after the most whole grapheme clusters that fit in width cells, at
// least one, so a cluster wider than width still moves on.
func cut(s string, width int) (head, tail string) {
	state, n := -1, 0
	rest := s
	for rest != "" {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		if n > 0 && textsafe.Width(s[:n+len(cluster)]) > width {
			break
		}
		n += len(cluster)
	}
	return s[:n], s[n:]
}

// medicineName names a medicine with its strength and form, leaving out either when
// the name already says it: "Amoxicillin 500 mg capsule".
func medicineName(name, strength, form string) string {
	lower := strings.ToLower(name)
	out := strings.TrimSpace(name)
	for _, part := range []string{strength, form} {
		if part = strings.TrimSpace(part); part != "" && !strings.Contains(lower, strings.ToLower(part)) {
			out += " " + part
		}
	}
	return strings.TrimSpace(out)
}

// withCode writes a name followed by its code: "Asha Patel (PAT000007)".
func withCode(name, code string) string {
	return joinWords(" ", textsafe.Line(name), "("+strings.TrimSpace(code)+")")
}

// methodLabel is how a printout names a payment method code.
func methodLabel(code string) string {
	if code = textsafe.Line(code); strings.EqualFold(code, "upi") {
		return "UPI"
	}
	return code
}

// course says for how long: "for 1 day", "for 5 days", "" when not given.
func course(days int) string {
	switch {
	case days == 1:
		return "for 1 day"
	case days > 1:
		return fmt.Sprintf("for %d days", days)
	}
	return ""
}

// joinWords joins the non-blank words with sep.
func joinWords(sep string, words ...string) string {
	var kept []string
	for _, w := range words {
		if w = strings.TrimSpace(w); w != "" {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, sep)
}

// sentence starts words with a capital and ends them with a full stop.
func sentence(words string) string {
	words = strings.TrimSpace(words)
	if words == "" {
		return ""
	}
	r := []rune(words)
	words = strings.ToUpper(string(r[0])) + string(r[1:])
	if !strings.HasSuffix(words, ".") {
		words += "."
	}
	return words
}
