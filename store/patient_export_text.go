package store

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/clinicdesk/clinicdesk/internal/money"
	"github.com/clinicdesk/clinicdesk/internal/printout"
)

// exportLabels are the text document's labels where the key, split into words, would
// read badly; any other key reads as its words ("scheduledAt" is "Scheduled at").
var exportLabels = map[string]string{
	"patientId":             "Patient code",
	"appointmentId":         "Appointment",
	"prescriptionId":        "Prescription",
	"whiteboardData":        "Sketch",
	"systolicMmHg":          "Systolic (mmHg)",
	"diastolicMmHg":         "Diastolic (mmHg)",
	"pulseBpm":              "Pulse (per minute)",
	"heightCm":              "Height (cm)",
	"weightKg":              "Weight (kg)",
	"temperatureC":          "Temperature (°C)",
	"spo2Percent":           "SpO2 (%)",
	"at":                    "When",
	"fulfillment":           "Fulfilment",
	"emergencyContactName":  "Emergency contact",
	"emergencyContactPhone": "Emergency phone",
	"action":                "What",
}

// exportTextHidden are keys the JSON keeps and a reader needs not: the database's row
// numbers.
var exportTextHidden = map[string]bool{"_id": true, "entity": true, "entityId": true}

// Text is the document as a readable page: times in the clinic's zone, money in its
// currency, flags as yes or no.
func (d PatientExport) Text() string {
	name := d.PatientCode
	if p := d.section("patient"); p != nil && len(p.Records) == 1 {
		name = fmt.Sprintf("%v %v (%s)", p.Records[0].value("firstName"), p.Records[0].value("lastName"), d.PatientCode)
	}
	return printout.PatientRecord(printout.Record{
		Clinic: d.Clinic,
		Title:  "PATIENT RECORD",
		Head: []printout.Field{{Label: "Patient", Value: name},
			{Label: "Exported at", Value: d.ExportedAt.In(d.Zone).Format("2 January 2006 15:04") + " (" + d.Zone.String() + ")"},
			{Label: "Exported by", Value: d.ExportedBy}},
		Parts: d.textParts(d.Sections),
	})
}

func (d PatientExport) section(key string) *ExportSection {
	for i := range d.Sections {
		if d.Sections[i].Key == key {
			return &d.Sections[i]
		}
	}
	return nil
}

func (r ExportRecord) value(key string) any {
	for _, f := range r.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

func (d PatientExport) textParts(sections []ExportSection) []printout.Part {
	parts := make([]printout.Part, 0, len(sections))
	for _, sec := range sections {
		part := printout.Part{Title: sec.Title}
		for _, r := range sec.Records {
			var e printout.Entry
			for _, f := range r.Fields {
				if exportTextHidden[f.Key] {
					continue
				}
				e.Fields = append(e.Fields, printout.Field{Label: exportLabel(f.Key), Value: d.textValue(f)})
			}
			e.Parts = d.textParts(r.Sections)
			part.Entries = append(part.Entries, e)
		}
		parts = append(parts, part)
	}
	return parts
}

// exportLabel is a key in words: its label, or its camelCase split and capitalised.
func exportLabel(key string) string {
	if l, ok := exportLabels[key]; ok {
		return l
	}
	var b strings.Builder
	for i, r := range key {
		switch {
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case unicode.IsUpper(r):
			b.WriteRune(' ')
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSuffix(b.String(), " cents")
}

// textValue formats a field by its key's convention (see exportSpecs).
func (d PatientExport) textValue(f ExportField) string {
	switch v := f.Value.(type) {
	case nil:
		return ""
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int64:
		if strings.HasSuffix(f.Key, "Cents") {
			return money.Cents(v).Format(d.Currency)
		}
		return strconv.FormatInt(v, 10)
	case string:
		if f.Key == "action" {
			return AccessWords(v)
		}
		if f.Key == "at" || strings.HasSuffix(f.Key, "At") || strings.HasSuffix(f.Key, "Until") {
			if t := parseTime(v); !t.IsZero() {
				return t.In(d.Zone).Format("2 January 2006 15:04")
			}
		}
		return v
	}
	return fmt.Sprint(f.Value)
}
