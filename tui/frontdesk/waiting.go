package frontdesk

import (
	"fmt"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/clinicdesk/clinicdesk/tui/common"
)

// waitingView draws the waiting room: checked-in patients by doctor, with how long each
// has waited, in a box of the given size. It draws only the lines that fit.
func (b *Book) waitingView(width, height int) string {
	st := b.c.Styles
	inner := max(10, width-4)
	lines := []string{st.Bold.Render(fit(fmt.Sprintf("Waiting room (%d)", len(b.waiting)), inner))}
	now := b.c.Store.Now()
	var doctor int64 = -1
	for _, a := range b.waiting {
		if a.DoctorID != doctor {
			doctor = a.DoctorID
			lines = append(lines, st.Faint.Render(fit(doctorName(a.DoctorName), inner)))
		}
		wait := max(0, int(now.Sub(a.CheckedInAt)/time.Minute))
		mins := fmt.Sprintf("%3d min", wait)
		lines = append(lines, st.StatusColour(string(a.Status)).Render(fit(" "+common.Safe(a.PatientName), inner-len(mins)))+mins)
	}
	if len(b.waiting) == 0 {
		lines = append(lines, st.Faint.Render("No one is waiting."))
	}
	if len(lines) > height-2 {
		lines = append(lines[:max(1, height-3)], st.Faint.Render(fmt.Sprintf("… %d more", len(lines)-(height-3))))
	}
	content, full := strings.Join(lines, "\n"), b.mode == modeWaiting
	if c := &b.panel; c.drawn == "" || c.content != content || c.width != width || c.height != height || c.full != full {
		box := st.Box.Width(width - 2).Height(max(1, height-2)).Render(content)
		if full {
			box += "\n" + st.Faint.Render("esc: back to the book")
		}
		*c = waitingPanel{content: content, width: width, height: height, full: full,
			drawn: lipgloss.NewStyle().MaxHeight(height).Render(box)}
	}
	return b.panel.drawn
}

// waitingPanel is the waiting room's box as last drawn, and what it was drawn from: the
// box and its border cost more to draw than the rest of the book, and the waiting room
// changes far less often than the cursor moves.
type waitingPanel struct {
	content       string
	width, height int
	full          bool
	drawn         string
}

// updateWaiting leaves the full-size waiting room.
func (b *Book) updateWaiting(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && (k.Type == tea.KeyEsc || k.String() == "W") {
		b.mode = modeGrid
	}
	return nil
}
