package frontdesk

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// A patient's request for their data, taken at the desk: the export key asks once,
// then the store writes the whole record (JSON and text) into the clinic's print
// directory under a generated name, records it in the access log, and the page says
// where the files are. The record itself is not shown: the front desk reads no chart.

// exportedMsg is the store's answer to an export.
type exportedMsg struct {
	code    string
	printed store.Printed
	err     error
}

// askExport arms the export: the page asks before writing the record out.
func (p *Patients) askExport() {
	pt := p.page.patient
	p.page.exportArmed = true
	p.message = "Export the whole record of " + pt.FirstName + " " + pt.LastName + " (" + pt.Code +
		") into the print directory, for the patient? Press " + p.keys.Export.Help().Key +
		" again to export (it is logged); any other key leaves it."
}

// export writes the page's patient's record into the print directory.
func (p *Patients) export() tea.Cmd {
	p.page.exportArmed, p.message = false, "Exporting…"
	s, actor, id, code := p.c.Store, p.c.Actor(), p.page.patient.ID, p.page.patient.Code
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		printed, err := s.ExportPatientToPrints(ctx, actor, id)
		return exportedMsg{code: code, printed: printed, err: err}
	}
}

// exported says where the export went, or why it failed, on whichever view is shown.
func (p *Patients) exported(msg exportedMsg) {
	if msg.err != nil {
		text := "The export of " + msg.code + " failed: " + common.ErrorText(msg.err)
		if p.mode == modePage {
			p.page.err, p.message = text, "" // the page shows its own errors
			return
		}
		p.message, p.failed = text, true
		return
	}
	p.message, p.failed = msg.code+": "+msg.printed.Where+". Hand the files to the patient, then remove them; the export is in the access log.", false
}
