package rx

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/internal/plural"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
)

type favouritesMsg struct {
	list []store.Favourite
	err  error
}

// loadFavourites reads the doctor's favourites and opens the list.
func (m *Model) loadFavourites() tea.Cmd {
	m.busy = true
	s, actor := m.c.Store, m.c.Actor()
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		list, err := s.Favourites(ctx, actor)
		return favouritesMsg{list: list, err: err}
	}
}

func (m *Model) favouritesLoaded(msg favouritesMsg) tea.Cmd {
	m.busy = false
	switch {
	case msg.err != nil:
		m.message, m.failed = common.ErrorText(msg.err), true
	case len(msg.list) == 0:
		m.message, m.failed = "No favourites yet: add medications, then F saves them as one.", false
	default:
		m.favs, m.favSel, m.mode = msg.list, 0, modeFavourites
	}
	return nil
}

func (m *Model) updateFavourites(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Back):
		m.mode = modeView
	case key.Matches(k, m.keys.Up):
		m.favSel = max(0, m.favSel-1)
	case key.Matches(k, m.keys.Down):
		m.favSel = min(len(m.favs)-1, m.favSel+1)
	case key.Matches(k, m.keys.Confirm):
		m.mode = modeView
		return m.applyFavourite(m.favs[m.favSel])
	}
	return nil
}

// applyFavourite adds each of a favourite's medications. One that matches an allergy or
// interacts severely is left out, named, to be added by hand with a reason.
func (m *Model) applyFavourite(f store.Favourite) tea.Cmd {
	m.busy = true
	s, actor, id := m.c.Store, m.c.Actor(), m.rx.ID
	return func() tea.Msg {
		ctx, cancel := common.Ctx()
		defer cancel()
		added := 0
		var skipped []string
		for _, it := range f.Items {
			if _, err := s.AddMedication(ctx, actor, id, it.Input()); err != nil {
				skipped = append(skipped, it.Name+" ("+common.ErrorText(err)+")")
				continue
			}
			added++
		}
		msg := doneMsg{message: fmt.Sprintf("%s added from %q.", plural.S(added, "medication"), f.Name)}
		if len(skipped) > 0 {
			msg.message += " Not added: " + strings.Join(skipped, "; ")
		}
		return msg
	}
}

// saveFavourite saves the prescription's medications under the typed name.
func (m *Model) saveFavourite() tea.Cmd {
	name := strings.TrimSpace(m.favName)
	items := make([]store.FavouriteItem, len(m.rx.Medications))
	for i, med := range m.rx.Medications {
		items[i] = store.FavouriteFrom(med)
	}
	return m.write(fmt.Sprintf("Saved as the favourite %q.", name), func(s *store.Store, ctx ctxT, actor store.Actor) error {
		_, err := s.SaveFavourite(ctx, actor, name, items)
		return err
	})
}
