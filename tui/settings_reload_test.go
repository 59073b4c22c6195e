package tui

import (
	"testing"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/tuitest"
)

// An admin's two changes of the settings committed close together start two reloads of
// the desk's settings; when the first one's answer arrives last, it must not bring back
// the settings the second change replaced (the idle minutes, the time zone).
func TestAnOlderSettingsReloadArrivingLastIsDropped(t *testing.T) {
	t.Parallel()
	m := New(Options{Store: tuitest.NewStore(t), Renderer: tuitest.Renderer()})
	m.reloadSettings()
	m.reloadSettings()
	m.Update(settingsMsg{stamp: 2, settings: store.Settings{IdleLockMinutes: 15}})
	m.Update(settingsMsg{stamp: 1, settings: store.Settings{IdleLockMinutes: 5}})
	if m.settings.IdleLockMinutes != 15 {
		t.Fatalf("the desk locks after %d minutes, an older reload's setting", m.settings.IdleLockMinutes)
	}
}
