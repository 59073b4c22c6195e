package printout

import (
	"fmt"
	"strings"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/internal/textsafe"
)

// A patient's whole record as a readable document ([PageWidth] wide): a head of fields,
// then sections of entries, each entry its fields and its own sections, indented under
// it. The store decides the labels and formats the values; this lays them out.

// Field is one labelled value; a value of several lines (a sketch) is printed as a
// block under its label, cut at the edge rather than wrapped.
type Field struct{ Label, Value string }

// Part is a section: a title and its entries.
type Part struct {
	Title   string
	Entries []Entry
}

// Entry is one row of a section: its fields and its nested sections.
type Entry struct {
	Fields []Field
	Parts  []Part
}

// Record is the whole document.
type Record struct {
	Clinic string
	Title  string
	Head   []Field
	Parts  []Part
}

// recordCol is where a record's values start, after the label, at each depth.
const recordCol = 24

// PatientRecord lays out the record: the clinic and title, the head, then each section
// with a count of its entries ("Allergies: 2 entries"), and "none" for an empty one.
func PatientRecord(r Record) string {
	p := &sheet{width: PageWidth}
	p.line(r.Clinic)
	p.line(r.Title)
	p.rule("=")
	fields(p, 0, r.Head)
	for _, part := range r.Parts {
		p.blank()
		section(p, 0, part)
	}
	p.rule("=")
	return p.String()
}

// section writes a part's title, its count, and its entries (numbered when several),
// at indent.
func section(p *sheet, indent int, part Part) {
	p.indented(indent, part.Title+": "+plural.N(len(part.Entries), "entry", "entries"))
	if indent == 0 {
		p.rule("-")
	}
	for i, e := range part.Entries {
		if len(part.Entries) > 1 {
			p.indented(indent, fmt.Sprintf("%d.", i+1))
		}
		fields(p, indent+2, e.Fields)
		for _, sub := range e.Parts {
			if len(sub.Entries) > 0 { // a line's empty details would only be noise
				section(p, indent+4, sub)
			}
		}
	}
}

// fields writes each field that has a value, label then value at recordCol.
func fields(p *sheet, indent int, fs []Field) {
	for _, f := range fs {
		if strings.Contains(f.Value, "\n") {
			p.indented(indent, f.Label)
			for _, l := range lines(f.Value) {
				p.b.WriteString(strings.TrimRight(strings.Repeat(" ", indent+2)+textsafe.Truncate(l, PageWidth-indent-2), " ") + "\n")
			}
			continue
		}
		if f.Value == "" {
			continue
		}
		col := max(recordCol, indent+textsafe.Width(textsafe.Line(f.Label))+1)
		p.b.WriteString(strings.Repeat(" ", indent))
		sub := &sheet{width: PageWidth - indent}
		sub.field(f.Label, col-indent, f.Value)
		p.b.WriteString(strings.ReplaceAll(strings.TrimSuffix(sub.String(), "\n"), "\n", "\n"+strings.Repeat(" ", indent)) + "\n")
	}
}
