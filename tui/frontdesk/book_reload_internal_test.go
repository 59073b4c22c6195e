package frontdesk

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// The day view reloads for a change to a doctor's account (their name heads a column),
// not for the account of every user who logs in; the week view, which keeps no list
// of accounts, reloads for any.
func TestBookReloadsForDoctorsAccounts(t *testing.T) {
	t.Parallel()
	changed := func(events ...store.Event) common.StoreChangedMsg { return common.StoreChangedMsg{Events: events} }
	login := changed(store.Event{Topic: store.TopicAccounts, RowID: 3, Action: "UPDATE"},
		store.Event{Topic: store.TopicAudit, RowID: 3, Action: store.EventLogin})
	rename := changed(store.Event{Topic: store.TopicAccounts, RowID: 7, Action: "UPDATE"})
	elsewhere := changed(store.Event{Topic: store.TopicAny, Action: "UPDATE"})

	day := &Book{doctorUsers: map[int64]bool{7: true}}
	if day.doctorAccountChanged(login) {
		t.Error("a receptionist's login reloads the day view")
	}
	if !day.doctorAccountChanged(rename) || !day.doctorAccountChanged(elsewhere) {
		t.Error("a doctor's account, or another process's commit, does not reload the day view")
	}
	week := &Book{}
	if !week.doctorAccountChanged(login) {
		t.Error("the week view missed a change of account")
	}
}
