package rx

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// submitFields are the submit form's values: the validity, the refills and the
// confirmation naming the patient.
type submitFields struct {
	days, refills string
	confirm       bool
}

// chronic reports whether a line of the prescription is marked chronic, which allows
// a validity of up to a year.
func (m *Model) chronic() bool {
	for _, med := range m.rx.Medications {
		if med.Chronic {
			return true
		}
	}
	return false
}

// patientText names the prescription's patient for a confirmation: "Jane Doe (PAT000001)".
func (m *Model) patientText() string {
	return common.Safe(m.rx.PatientName) + " (" + common.Safe(m.rx.PatientCode) + ")"
}

func (m *Model) submitForm() *huh.Form {
	f := &m.submit
	most := m.validDays
	validity := fmt.Sprintf("1 to %d, the clinic's default; up to %d for a line marked chronic.", most,
		store.MaxPrescriptionValidDays)
	if m.chronic() {
		most = store.MaxPrescriptionValidDays
		validity = fmt.Sprintf("1 to %d: a line is marked chronic (the clinic's default is %d).", most, m.validDays)
	}
	return m.newForm(huh.NewGroup(
		huh.NewInput().Title("Valid for (days)").Description(validity).Value(&f.days).CharLimit(3).
			Validate(func(s string) error {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil || n < 1 || n > most {
					return fmt.Errorf("Validity must be a whole number of days from 1 to %d.", most)
				}
				return nil
			}),
		huh.NewInput().Title("Refills").Description(fmt.Sprintf("How many times more the pharmacy may dispense it: 0 to %d.",
			store.MaxRefills)).Value(&f.refills).CharLimit(2).
			Validate(func(s string) error {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil || n < 0 || n > store.MaxRefills {
					return fmt.Errorf("Refills must be a whole number from 0 to %d.", store.MaxRefills)
				}
				return nil
			}),
		huh.NewConfirm().Title("Submit "+m.rx.Code+" for "+m.patientText()+" to the pharmacy?").
			Description("It cannot change afterwards.").Affirmative("Submit").Negative("Not yet").Value(&f.confirm),
	))
}

func (m *Model) openSubmit() tea.Cmd {
	m.submit = submitFields{days: strconv.Itoa(m.validDays), refills: "0"}
	return m.openForm(modeSubmit, m.submitForm())
}

// submitNow sends the draft with the form's validity and refills, once confirmed.
func (m *Model) submitNow() tea.Cmd {
	f := m.submit
	if !f.confirm {
		m.mode, m.form, m.message, m.failed = modeView, nil, m.rx.Code+" was not submitted.", false
		return nil
	}
	days, _ := strconv.Atoi(strings.TrimSpace(f.days))
	refills, _ := strconv.Atoi(strings.TrimSpace(f.refills))
	id, code, diagnosis, notes, sketch := m.rx.ID, m.rx.Code, m.diagnosis, m.notes, m.sketch
	message := fmt.Sprintf("Sent %s for %s: valid %s, %s.", code, m.patientText(),
		plural.S(days, "day"), plural.S(refills, "refill"))
	return m.write(message, func(s *store.Store, ctx ctxT, actor store.Actor) error {
		if err := s.SetPrescriptionText(ctx, actor, id, diagnosis, notes, sketch); err != nil {
			return err
		}
		return s.SubmitPrescriptionWith(ctx, actor, id, store.SubmitOptions{ValidDays: days, Refills: refills})
	})
}

func (m *Model) withdrawForm() *huh.Form {
	return m.newForm(huh.NewGroup(
		huh.NewInput().Title("Withdraw " + m.rx.Code + " for " + m.patientText() + ": why?").
			Description("The pharmacy is told at once. Once it has started dispensing, it cannot be withdrawn.").
			CharLimit(500).Value(&m.reason).Validate(required("reason for withdrawing it")),
	))
}

func (m *Model) openWithdraw() tea.Cmd {
	switch m.rx.Status {
	case store.PrescriptionSubmitted:
	case store.PrescriptionDispensing:
		m.message, m.failed = m.rx.Code+" is being dispensed; it can no longer be withdrawn. Add an amendment instead.", true
		return nil
	default:
		m.message, m.failed = m.rx.Code+" is "+string(m.rx.Status)+"; only a submitted prescription is withdrawn.", true
		return nil
	}
	m.reason = ""
	return m.openForm(modeWithdraw, m.withdrawForm())
}

func (m *Model) withdrawNow() tea.Cmd {
	id, code, reason := m.rx.ID, m.rx.Code, m.reason
	return m.write(code+" withdrawn; the pharmacy has been told.", func(s *store.Store, ctx ctxT, actor store.Actor) error {
		return s.CancelPrescription(ctx, actor, id, reason)
	})
}

// noConsultation reports whether opening failed because the consultation has not
// started, which a reason overcomes.
func noConsultation(err error) bool {
	var c *store.ConflictError
	return errors.As(err, &c) && c.Rule == "no_consultation"
}

func (m *Model) reasonForm() *huh.Form {
	return m.newForm(huh.NewGroup(
		huh.NewInput().Title("Reason to prescribe without a started consultation").
			Description("It is stored with the prescription and in the audit trail.").
			CharLimit(500).Value(&m.reason).Validate(required("reason")),
	))
}

// openReason asks why the doctor prescribes for an appointment not yet checked in.
func (m *Model) openReason(message string) tea.Cmd {
	m.reason = ""
	cmd := m.openForm(modeReason, m.reasonForm())
	m.message, m.failed = message, true
	return cmd
}

// updateReason feeds the reason form: esc leaves the editor, as no prescription exists yet.
func (m *Model) updateReason(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc && !m.busy {
		return func() tea.Msg { return BackMsg{} }
	}
	if m.busy {
		return nil
	}
	model, cmd := m.form.Update(msg)
	m.form = model.(*huh.Form)
	if m.form.State != huh.StateCompleted {
		return cmd
	}
	m.busy = true
	return tea.Batch(cmd, m.open(strings.TrimSpace(m.reason)))
}
