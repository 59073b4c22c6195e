package frontdesk_test

import (
	"fmt"
	"sort"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/clinicdesk/clinicdesk/store"
	"github.com/clinicdesk/clinicdesk/tui/common"
	"github.com/clinicdesk/clinicdesk/tui/frontdesk"
)

// busyDay fills the clinic's Monday: eight more doctors beside the two of the fixture,
// each working 09:00–13:00 and 14:00–18:00 in 15-minute slots, every slot booked by a
// patient of their own — 320 appointments.
func busyDay(b *testing.B) *clinic {
	c := newClinic(b)
	c.clock.Set(c.at(3, 8, 0))
	sys, desk := store.System("bench"), c.desk.Actor()
	doctors := []int64{c.rao, c.mehta}
	for i := range 8 {
		u, err := c.s.CreateUser(ctx, sys, store.NewUser{Email: fmt.Sprintf("doc%d@clinic.test", i),
			FullName: fmt.Sprintf("Doctor %c", 'C'+i), Role: store.RoleDoctor, Password: "correct horse battery staple",
			Doctor: &store.DoctorProfile{Qualification: "MBBS", LicenceNumber: fmt.Sprintf("LIC-%d", i), FeeCents: 40000}})
		if err != nil {
			b.Fatal(err)
		}
		doctors = append(doctors, c.doctorID(b, u))
	}
	for _, d := range doctors[1:] {
		c.block(b, store.ScheduleBlock{DoctorID: d, Weekday: time.Monday, Start: "14:00", End: "18:00", SlotMinutes: 15})
	}
	for _, d := range doctors[2:] {
		c.block(b, store.ScheduleBlock{DoctorID: d, Weekday: time.Monday, Start: "09:00", End: "13:00", SlotMinutes: 15})
	}
	c.block(b, store.ScheduleBlock{DoctorID: c.rao, Weekday: time.Monday, Start: "14:00", End: "18:00", SlotMinutes: 15})
	n := 0
	for _, d := range doctors {
		for _, span := range [][2]int{{9, 13}, {14, 18}} {
			for at := c.at(3, span[0], 0); at.Before(c.at(3, span[1], 0)); at = at.Add(15 * time.Minute) {
				n++
				p, err := c.s.AddPatient(ctx, desk, store.PatientInput{FirstName: fmt.Sprintf("Patient%d", n),
					LastName: "Bench", DateOfBirth: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "other"})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := c.s.Book(ctx, desk, store.BookingInput{PatientID: p.ID, DoctorID: d, Start: at,
					Minutes: 15, Reason: "review"}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	return c
}

// deliver runs a command and gives what it returns to the screen, as the program would.
func deliver(s common.Screen, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			deliver(s, c)
		}
		return
	}
	if msg != nil {
		_, next := s.Update(msg)
		deliver(s, next)
	}
}

// BenchmarkDayViewKey measures Update+View of the day view on one key, on a full day
// of ten doctors at 80×24, and reports the median and the 99th percentile.
func BenchmarkDayViewKey(b *testing.B) {
	c := busyDay(b)
	book := frontdesk.NewBook(c.common(b, c.desk))
	book.SetSize(78, 20)
	_, cmd := book.Update(common.StoreChangedMsg{Events: []store.Event{{Topic: store.TopicAppointments}}})
	deliver(book, cmd)
	if v := book.View(); len(v) == 0 {
		b.Fatal("nothing drawn")
	}
	keys := []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("j")}, {Type: tea.KeyRunes, Runes: []rune("l")}}
	back := []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("k")}, {Type: tea.KeyRunes, Runes: []rune("h")}}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := keys[i%2]
		if (i/40)%2 == 1 {
			k = back[i%2]
		}
		t0 := time.Now()
		book.Update(k)
		_ = book.View()
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}
