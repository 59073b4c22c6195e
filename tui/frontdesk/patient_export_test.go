package frontdesk_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
)

// TestPatientPageExportsTheRecordToThePrintDirectory: on the patient's page, X asks,
// another key leaves it, X twice writes the record into the print directory; the page
// says where, the files are there (0600), and the access log holds the export.
func TestPatientPageExportsTheRecordToThePrintDirectory(t *testing.T) {
	t.Parallel()
	c := newClinic(t)
	p := start(t, c, frontdesk.NewPatients(c.common(t, c.desk)), 80, 24)
	p.WaitFor("Asha Patel")
	p.Type("/")
	p.Type("asha")
	p.WaitFor("1 found")
	p.Key("enter")
	p.WaitFor("Asha Patel", "Upcoming")
	p.Type("X")
	p.WaitFor("Export the whole record of Asha Patel", "again to export")
	p.Type("j") // any other key leaves it
	p.WaitUntil("the question gone", func(screen string) bool { return !strings.Contains(screen, "Export the whole record") })
	if entries, _ := os.ReadDir(c.s.PrintDir()); len(entries) != 0 {
		t.Fatalf("a declined export wrote %d files", len(entries))
	}
	p.Type("XX")
	p.WaitFor("Saved as clinic.db.prints/export-"+c.asha.Code+"-", "in the access log")
	entries, err := os.ReadDir(c.s.PrintDir())
	if err != nil || len(entries) != 2 {
		t.Fatalf("the print directory holds %d files (%v)", len(entries), err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || info.Mode().Perm() != 0o600 || !strings.HasPrefix(e.Name(), "export-"+c.asha.Code+"-") {
			t.Fatalf("%s: %v, %v", e.Name(), info.Mode(), err)
		}
		if strings.HasSuffix(e.Name(), ".json") {
			data, err := os.ReadFile(filepath.Join(c.s.PrintDir(), e.Name()))
			var doc struct{ Patient struct{ PatientID string } }
			if err != nil || json.Unmarshal(data, &doc) != nil || doc.Patient.PatientID != c.asha.Code {
				t.Fatalf("the JSON export: %v, %+v", err, doc)
			}
		}
	}
	admin := store.System("test")
	rows, err := c.s.AccessLogPage(ctx, admin, store.AccessFilter{PatientID: c.asha.ID, UserID: c.desk.ID}, 0, 10)
	if err != nil || len(rows) == 0 || rows[0].Action != "export" || !strings.Contains(rows[0].Reason, "json and text, UNENCRYPTED") {
		t.Fatalf("the access log after the export: %+v, %v", rows, err)
	}
}
