package tui

import (
	"github.com/clinicdesk/clinicdesk/tui/account"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/notify"
)

// screensFor lists the tabs of the logged-in user's role, home first. A role sees only
// the screens it may use; the store enforces the same rule beneath them.
func screensFor(c *common.Common) []common.Screen {
	return []common.Screen{account.New(c), notify.New(c)}
}
