package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// A patient's export: everything the clinic holds about one patient, for their request
// to see (or take) their data. It is read in one transaction together with the access
// log row that records it, so the record of an export and what it exported cannot
// disagree, and no export leaves the store unrecorded.

// ExportFormatVersion names the document's layout; it changes when a key does.
const ExportFormatVersion = "clinicdesk-patient-export/1"

// ExportFormat is how the document is written.
type ExportFormat string

// The export's formats.
const (
	ExportJSON ExportFormat = "json"
	ExportText ExportFormat = "text"
	// ExportBoth is the desk's: the JSON and the readable text side by side.
	ExportBoth ExportFormat = "json and text"
)

// ExportRequest names the patient to export and says how the document leaves the
// clinic, which the access log records with it.
type ExportRequest struct {
	Code      string // PAT000123 (any case); or, when empty, PatientID
	PatientID int64
	Format    ExportFormat
	Encrypted bool   // encrypted with age (to a passphrase or recipients)
	Where     string // where it goes, for the log: "the command line", "the print directory"
}

// PatientExport is the document: the patient's rows, section by section.
type PatientExport struct {
	PatientID   int64
	PatientCode string
	ExportedAt  time.Time
	ExportedBy  string
	Clinic      string
	Zone        *time.Location
	Currency    string
	Sections    []ExportSection
}

// ExportSection is the rows of one table about the patient (see exportSpecs).
type ExportSection struct {
	Key, Title, Table string
	Single            bool
	Records           []ExportRecord
}

// ExportRecord is one row: its fields in the query's order, then its nested sections.
type ExportRecord struct {
	Fields   []ExportField
	Sections []ExportSection
}

// ExportField is one value of a row under its document key.
type ExportField struct {
	Key   string
	Value any // nil, int64, float64, string or bool
}

// ExportPatient reads the patient's whole record and records the export in the access
// log (who, whom, the format, encrypted or not, where to) in the same transaction.
func (s *Store) ExportPatient(ctx context.Context, actor Actor, req ExportRequest) (PatientExport, error) {
	defer s.timed("ExportPatient")()
	if req.Format != ExportJSON && req.Format != ExportText && req.Format != ExportBoth {
		return PatientExport{}, invalid("format", "The format must be json or text.")
	}
	if err := s.allow(ctx, actor, ActExportPatient); err != nil {
		return PatientExport{}, err
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return PatientExport{}, err
	}
	doc := PatientExport{ExportedAt: s.Now().UTC(), ExportedBy: exporterName(actor), Clinic: set.ClinicName,
		Zone: set.Location(), Currency: set.Currency}
	err = s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.allow(ActExportPatient); err != nil {
			return err
		}
		var userID sql.NullInt64
		row := tx.queryRow(ctx, `SELECT id, patient_code, user_id FROM patients WHERE id = ?`, req.PatientID)
		if req.Code != "" {
			row = tx.queryRow(ctx, `SELECT id, patient_code, user_id FROM patients WHERE patient_code = ?`,
				strings.ToUpper(strings.TrimSpace(req.Code)))
		}
		if err := row.Scan(&doc.PatientID, &doc.PatientCode, &userID); err != nil {
			return notFoundOr(err, "patient")
		}
		if err := tx.logAccess(ctx, accessEntry{action: "export", entity: "patients", entityID: doc.PatientID,
			patientID: doc.PatientID, allowed: true, reason: req.describe(actor)}); err != nil {
			return err
		}
		doc.Sections, err = readExportSections(ctx, tx.q(), exportSpecs, doc.PatientID, idOrZero(userID))
		return err
	})
	if err != nil {
		return PatientExport{}, err
	}
	return doc, nil
}

// describe is the access log's words for the export: its format, whether encrypted,
// and where it went.
func (r ExportRequest) describe(actor Actor) string {
	how := "UNENCRYPTED"
	if r.Encrypted {
		how = "encrypted with age"
	}
	d := fmt.Sprintf("exported the whole record as %s, %s, to %s", r.Format, how, r.Where)
	if actor.system {
		d += " (" + actor.Name + ")"
	}
	return d
}

// exporterName names who made the export in the document.
func exporterName(actor Actor) string {
	if actor.system {
		return actor.Name + " (command line)"
	}
	return actor.Name + " (" + string(actor.Role) + ")"
}

// readExportSections reads each spec's rows with args, and each row's nested sections
// with the row's _id.
func readExportSections(ctx context.Context, q querier, specs []exportSpec, args ...any) ([]ExportSection, error) {
	var out []ExportSection
	for _, sp := range specs {
		sec := ExportSection{Key: sp.key, Title: sp.title, Table: sp.table, Single: sp.single}
		records, err := readExportRows(ctx, q, sp.query, args)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", sp.key, err)
		}
		for i := range records {
			if records[i].Sections, err = readExportSections(ctx, q, sp.parts, records[i].Fields[0].Value); err != nil {
				return nil, err
			}
		}
		sec.Records = records
		out = append(out, sec)
	}
	return out, nil
}

// readExportRows runs query and keeps each row's values under its column names.
func readExportRows(ctx context.Context, q querier, query string, args []any) ([]ExportRecord, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, translate(err)
	}
	var out []ExportRecord
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, translate(err)
		}
		rec := ExportRecord{Fields: make([]ExportField, len(cols))}
		for i, c := range cols {
			rec.Fields[i] = ExportField{Key: c, Value: exportValue(c, vals[i])}
		}
		out = append(out, rec)
	}
	return out, translate(rows.Err())
}

// exportValue is a column's value as the document holds it: flags as booleans, text
// as strings.
func exportValue(key string, v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case int64:
		if exportFlags[key] {
			return x != 0
		}
	}
	return v
}

// JSON is the document as indented JSON.
func (d PatientExport) JSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"format":`)
	writeJSON(&b, ExportFormatVersion)
	for _, f := range []ExportField{{"exportedAt", formatTime(d.ExportedAt)}, {"exportedBy", d.ExportedBy},
		{"clinic", d.Clinic}, {"timeZone", d.Zone.String()}, {"currency", d.Currency}} {
		b.WriteByte(',')
		writeJSON(&b, f.Key)
		b.WriteByte(':')
		writeJSON(&b, f.Value)
	}
	writeSections(&b, d.Sections)
	b.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// writeSections appends ,"key":… for each section: a list, or for a single one its
// object or null.
func writeSections(b *bytes.Buffer, sections []ExportSection) {
	for _, sec := range sections {
		b.WriteByte(',')
		writeJSON(b, sec.Key)
		b.WriteByte(':')
		switch {
		case sec.Single && len(sec.Records) == 0:
			b.WriteString("null")
		case sec.Single:
			writeRecord(b, sec.Records[0])
		default:
			b.WriteByte('[')
			for i, r := range sec.Records {
				if i > 0 {
					b.WriteByte(',')
				}
				writeRecord(b, r)
			}
			b.WriteByte(']')
		}
	}
}

// writeRecord appends one row as an object, its keys in the query's order.
func writeRecord(b *bytes.Buffer, r ExportRecord) {
	b.WriteByte('{')
	for i, f := range r.Fields {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSON(b, f.Key)
		b.WriteByte(':')
		writeJSON(b, f.Value)
	}
	writeSections(b, r.Sections)
	b.WriteByte('}')
}

// writeJSON appends v as JSON; the values of a row (nil, numbers, strings, booleans)
// always marshal.
func writeJSON(b *bytes.Buffer, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		data = []byte("null")
	}
	b.Write(data)
}

// ExportPatientToPrints writes the patient's whole record, as JSON and as text, into
// the print directory beside the database under names made from the patient's code and
// the clinic's time (export-PAT000123-20261203-0930.json and .txt, 0600): the desk never
// writes a path a user typed. The files are not encrypted; they sit where the printouts
// do, under the same protection as the database beside them. It returns where they
// went, in words the screen shows; the record itself is not shown on the desk.
func (s *Store) ExportPatientToPrints(ctx context.Context, actor Actor, patientID int64) (Printed, error) {
	defer s.timed("ExportPatientToPrints")()
	doc, err := s.ExportPatient(ctx, actor, ExportRequest{PatientID: patientID, Format: ExportBoth,
		Where: "the print directory " + filepath.Base(s.PrintDir())})
	if err != nil {
		return Printed{}, err
	}
	data, err := doc.JSON()
	if err != nil {
		return Printed{}, err
	}
	at := doc.ExportedAt.In(doc.Zone)
	jsonPath, err := writePrintFileAs(s.PrintDir(), PrintExport, doc.PatientCode, at, ".json", string(data))
	if err != nil {
		return Printed{}, err
	}
	textPath, err := writePrintFileAs(s.PrintDir(), PrintExport, doc.PatientCode, at, ".txt", doc.Text())
	if err != nil {
		return Printed{}, err
	}
	dir := filepath.Base(s.PrintDir())
	return Printed{Path: jsonPath, Where: "Saved as " + filepath.Join(dir, filepath.Base(jsonPath)) + " and " +
		filepath.Join(dir, filepath.Base(textPath))}, nil
}
