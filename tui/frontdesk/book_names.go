package frontdesk

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

// The day book reads a day's appointments without their patients' names, and then
// the names of the appointments the screen shows, and of more as the cursor brings
// them into view. On a file not in memory each name is a read of the disk: a large
// clinic's day names 1,500 patients (2 s), a screen fifty. A cell whose name is on its
// way shows "…".

// namesMsg brings the names and codes of patients, by id.
type namesMsg struct {
	owner int64
	epoch uint64 // of the names read since a patient was last renamed
	names map[int64][2]string
	err   error
}

// pendingName is what a cell shows until its patient's name arrives.
const pendingName = "…"

// patientName is an entry's patient as the book draws it.
func patientName(a store.BookEntry) string {
	if a.PatientName == "" && a.PatientID != 0 {
		return pendingName
	}
	return common.Safe(a.PatientName)
}

// nameEntries reads the names of the entries' patients.
func nameEntries(c *common.Common, owner int64, epoch uint64, list []store.BookEntry) tea.Cmd {
	s, actor := c.Store, c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		msg := namesMsg{owner: owner, epoch: epoch, names: map[int64][2]string{}}
		if msg.err = s.NameBook(ctx, actor, list); msg.err == nil {
			for _, e := range list {
				msg.names[e.PatientID] = [2]string{e.PatientName, e.PatientCode}
			}
		}
		return msg
	}
}

// nameVisible asks for the names of the patients of the appointments in view that
// the book has not read nor asked for.
func (b *Book) nameVisible() tea.Cmd {
	g := &b.grid
	if b.week || g.step == 0 || g.loc == nil {
		return nil
	}
	from := g.start + g.rowOff*g.step
	to := g.start + min(g.rows, g.rowOff+g.visibleRows())*g.step
	var want []store.BookEntry
	for ci := g.colOff; ci < min(len(g.cols), g.colOff+g.visibleCols()); ci++ {
		for _, a := range g.cols[ci].appts {
			if a.PatientName != "" || a.PatientID == 0 || b.asked[a.PatientID] {
				continue
			}
			if _, known := b.names[a.PatientID]; known {
				continue
			}
			start := minuteOf(a.Start, g.loc)
			if end := start + int(a.End.Sub(a.Start)/time.Minute); end <= from || start >= to {
				continue
			}
			if b.asked == nil {
				b.asked = map[int64]bool{}
			}
			b.asked[a.PatientID] = true
			want = append(want, a)
		}
	}
	if len(want) == 0 {
		return nil
	}
	return nameEntries(b.c, b.owner, b.nameEpoch, want)
}

// fillNames names the grid's entries whose patients the book has read.
func (b *Book) fillNames() {
	for ci := range b.grid.cols {
		appts := b.grid.cols[ci].appts
		for i := range appts {
			if n, ok := b.names[appts[i].PatientID]; ok && appts[i].PatientName == "" {
				appts[i].PatientName, appts[i].PatientCode = n[0], n[1]
			}
		}
	}
	b.grid.drawn = nil
}

// forgetNames drops the names read, to be read again as they come into view.
func (b *Book) forgetNames() {
	b.names, b.asked = nil, nil
	b.nameEpoch++
}

// namesArrived keeps the names read and draws them. Names read before a patient was
// renamed are dropped: the batch may hold the old name.
func (b *Book) namesArrived(msg namesMsg) {
	if msg.epoch != b.nameEpoch {
		return
	}
	if msg.err != nil {
		b.asked = nil // asked again by the next key
		b.setMessage(common.ErrorText(msg.err), true)
		return
	}
	if b.names == nil {
		b.names = map[int64][2]string{}
	}
	for id, n := range msg.names {
		b.names[id] = n
		delete(b.asked, id)
	}
	b.fillNames()
}
