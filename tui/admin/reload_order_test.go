package admin

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// Changes committed close together start reloads that run side by side; the one
// started first can answer last, with older rows. Each test starts two loads (their
// commands would query the store; their answers are made here), hands in the newer
// answer and then the older, and checks that the newer one's rows stay.

func adminCommon() *common.Common {
	return &common.Common{User: store.User{ID: 1, Role: store.RoleAdmin}}
}

func TestOutboxKeepsTheNewestReload(t *testing.T) {
	m := NewOutbox(adminCommon())
	m.load()
	m.load()
	state := m.current()
	m.Update(outboxMsg{stamp: 2, state: state, list: []store.OutboxMessage{{ID: 2}, {ID: 1}}})
	m.Update(outboxMsg{stamp: 1, state: state, list: []store.OutboxMessage{{ID: 1}}})
	if len(m.all) != 2 {
		t.Fatalf("the older reload's %d message replaced the newer reload's two", len(m.all))
	}
}

func TestAccessLogKeepsTheNewestPage(t *testing.T) {
	m := newAccess(adminCommon())
	m.fetch(m.fields, 0)
	m.fetch(m.fields, 0)
	m.Update(accessPageMsg{stamp: 2, limit: m.pageSize(), rows: []store.AccessRecord{{ID: 2}, {ID: 1}}})
	m.Update(accessPageMsg{stamp: 1, limit: m.pageSize(), rows: []store.AccessRecord{{ID: 1}}})
	if len(m.rows) != 2 || m.loading {
		t.Fatalf("rows %d, loading %v: the older page replaced the newer one's two rows", len(m.rows), m.loading)
	}
}

func TestAuditKeepsTheNewestPage(t *testing.T) {
	m := NewAudit(adminCommon())
	m.fetch(m.fields, 0)
	m.fetch(m.fields, 0)
	// The older answer arriving first does not end the loading: the newest is on its way.
	m.Update(auditPageMsg{stamp: 1, limit: m.pageSize(), rows: []store.AuditEntry{{ID: 1}}})
	if !m.loading {
		t.Fatal("an older page's answer ended the loading of the newest")
	}
	m.Update(auditPageMsg{stamp: 2, limit: m.pageSize(), rows: []store.AuditEntry{{ID: 2}, {ID: 1}}})
	m.Update(auditPageMsg{stamp: 1, limit: m.pageSize(), rows: []store.AuditEntry{{ID: 1}}})
	if len(m.rows) != 2 || m.loading {
		t.Fatalf("rows %d, loading %v: the older page replaced the newer one's two rows", len(m.rows), m.loading)
	}
}

func TestSettingsKeepTheNewestReload(t *testing.T) {
	m := NewSettings(adminCommon())
	m.load()
	m.load()
	m.Update(settingsMsg{stamp: 2, settings: store.Settings{ClinicName: "Second name"}})
	m.Update(settingsMsg{stamp: 1, settings: store.Settings{ClinicName: "First name"}})
	if m.current.ClinicName != "Second name" {
		t.Fatalf("the settings show %q, an older reload's", m.current.ClinicName)
	}
}

func TestBackupPanelKeepsTheNewestReload(t *testing.T) {
	p := newBackupPanel(adminCommon())
	p.load()
	p.load()
	p.Update(backupStatusMsg{stamp: 2, status: store.BackupStatus{LastGood: &store.BackupRun{}}})
	p.Update(backupStatusMsg{stamp: 1})
	if p.status.LastGood == nil {
		t.Fatal("an older reload's status (no backup yet) replaced the newer one's last good backup")
	}
}

func TestErasureKeepsTheNewestPlanAndReport(t *testing.T) {
	m := NewErasure(adminCommon())
	m.loadPlan(7)
	m.loadPlan(7)
	m.Update(erasurePlanMsg{stamp: 2, plan: store.ErasurePlan{PatientID: 7, Name: "Renamed"}})
	m.Update(erasurePlanMsg{stamp: 1, plan: store.ErasurePlan{PatientID: 7, Name: "Before"}})
	if m.plan.Name != "Renamed" {
		t.Fatalf("the plan shows %q, an older reload's", m.plan.Name)
	}
	m.loadRetention()
	m.loadRetention()
	two := []store.ErasurePlan{{PatientID: 1}, {PatientID: 2}}
	m.Update(retentionMsg{stamp: 2, report: store.RetentionReport{Patients: two}})
	m.Update(retentionMsg{stamp: 1, report: store.RetentionReport{Patients: two[:1]}})
	if len(m.report.Patients) != 2 {
		t.Fatalf("the older report's %d patient replaced the newer report's two", len(m.report.Patients))
	}
}

// A plan read on its way when the admin leaves it, or starts typing a reason, must not
// bring the plan back over the list or take the reason's field away.
func TestErasurePlanArrivingAfterTheAdminMovedOnKeepsTheirStage(t *testing.T) {
	m := NewErasure(adminCommon())
	m.loadPlan(7)
	m.Update(erasurePlanMsg{stamp: 1, plan: store.ErasurePlan{PatientID: 7}})
	m.reload(common.StoreChangedMsg{Events: []store.Event{{Topic: store.TopicPatients}}})
	m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	m.Update(erasurePlanMsg{stamp: 2, plan: store.ErasurePlan{PatientID: 7}})
	if m.stage != erasureFind {
		t.Fatalf("a plan read before esc reopened the plan (stage %d)", m.stage)
	}
	m.loadPlan(7)
	m.Update(erasurePlanMsg{stamp: 3, plan: store.ErasurePlan{PatientID: 7}})
	m.reload(common.StoreChangedMsg{Events: []store.Event{{Topic: store.TopicPatients}}})
	m.stage = erasureReason
	m.Update(erasurePlanMsg{stamp: 4, plan: store.ErasurePlan{PatientID: 7, Name: "Renamed"}})
	if m.stage != erasureReason || m.plan.Name != "Renamed" {
		t.Fatalf("stage %d, plan %q: a plan reload took the reason's field away or was lost", m.stage, m.plan.Name)
	}
}

func TestSSHKeysKeepTheNewestReload(t *testing.T) {
	v := newKeysView(adminCommon(), store.User{ID: 2})
	v.load()
	v.load()
	v.update(sshKeysMsg{user: 2, stamp: 2, keys: []store.SSHKey{{ID: 2}, {ID: 1}}})
	v.update(sshKeysMsg{user: 2, stamp: 1, keys: []store.SSHKey{{ID: 1}}})
	if len(v.items) != 2 {
		t.Fatalf("the older reload's %d key replaced the newer reload's two", len(v.items))
	}
}

// The keys view of one user closed (esc) and another's opened at once: the first
// view's read, stamped like the second's first, must not list its keys as the other's.
func TestSSHKeysOfAClosedViewAreDropped(t *testing.T) {
	first := newKeysView(adminCommon(), store.User{ID: 2})
	first.load()
	next := newKeysView(adminCommon(), store.User{ID: 3})
	next.load()
	next.update(sshKeysMsg{user: 2, stamp: 1, keys: []store.SSHKey{{ID: 1, UserID: 2}}})
	if len(next.items) != 0 {
		t.Fatal("user 3's keys view lists user 2's key")
	}
}
