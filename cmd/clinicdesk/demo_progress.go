package main

import (
	"context"
	"fmt"
	"os"

	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/store/demo"
)

// buildProgressMsg is the build's progress, sent from the goroutine that builds.
type buildProgressMsg struct {
	done, total int
	stage       string
}

// buildDoneMsg ends the build.
type buildDoneMsg struct {
	sum demo.Summary
	err error
}

// buildModel shows the build's stage over a progress bar. Ctrl+C cancels the build,
// which then ends with the context's error.
type buildModel struct {
	bar      progress.Model
	stage    string
	percent  float64
	cancel   context.CancelFunc
	result   buildDoneMsg
	stopping bool
}

func (m buildModel) Init() tea.Cmd { return nil }

func (m buildModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case buildProgressMsg:
		m.stage = msg.stage
		if msg.total > 0 {
			m.percent = float64(msg.done) / float64(msg.total)
		}
	case buildDoneMsg:
		m.result = msg
		return m, tea.Quit
	case tea.KeyMsg:
		if msg.String() == "ctrl+c" {
			m.cancel()
			m.stopping = true
		}
	case tea.WindowSizeMsg:
		m.bar.Width = min(60, max(10, msg.Width-4))
	}
	return m, nil
}

func (m buildModel) View() string {
	stage := m.stage
	if m.stopping {
		stage = "Stopping…"
	}
	return fmt.Sprintf("\n  %s\n  %s\n", stage, m.bar.ViewAs(m.percent))
}

// buildWithBar builds the demo in a goroutine while a small Bubble Tea program draws
// its progress on the terminal.
func buildWithBar(ctx context.Context, cancel context.CancelFunc, s *store.Store, size gen.Size, seed int64,
	out *os.File) (demo.Summary, error) {
	m := buildModel{bar: progress.New(progress.WithDefaultGradient(), progress.WithWidth(60)),
		stage: "Starting…", cancel: cancel}
	p := tea.NewProgram(m, tea.WithOutput(out))
	finished := make(chan buildDoneMsg, 1)
	go func() {
		sum, err := demo.Build(ctx, s, size, seed, func(done, total int, stage string) {
			p.Send(buildProgressMsg{done: done, total: total, stage: stage})
		})
		finished <- buildDoneMsg{sum: sum, err: err}
		p.Send(buildDoneMsg{sum: sum, err: err})
	}()
	_, err := p.Run()
	if err != nil {
		cancel() // the display failed: stop the build rather than run on unseen
	}
	res := <-finished
	if err != nil && res.err == nil {
		return res.sum, nil
	}
	return res.sum, res.err
}
