package demo

import (
	"fmt"
	"time"

	gen "github.com/clinicdesk/clinicdesk/internal/demo"
	"github.com/clinicdesk/clinicdesk/store"
)

// buildStaff creates the team's accounts (one password hash for all), every doctor's
// weekly hours, a past and a coming leave, and a clinic holiday.
func (b *builder) buildStaff() error {
	b.begin("Hiring the staff")
	b.team = gen.NewTeam(b.rand(1), b.counts)
	pw, err := b.s.HashSharedPassword(Password)
	if err != nil {
		return err
	}
	var users []store.NewUser
	add := func(m gen.StaffMember, n store.NewUser) {
		n.Email, n.FullName, n.Role, n.Password = m.Email, m.FullName(), store.Role(m.Role), Password
		users = append(users, n)
	}
	for _, m := range b.team.Admins {
		add(m, store.NewUser{})
	}
	for _, m := range b.team.Receptionists {
		add(m, store.NewUser{})
	}
	for _, d := range b.team.Doctors {
		add(d.StaffMember, store.NewUser{Doctor: &store.DoctorProfile{Qualification: d.Qualification,
			LicenceNumber: d.Licence, Specialisations: []string{d.Speciality}, FeeCents: d.FeeCents}})
	}
	for _, m := range b.team.Pharmacists {
		add(m, store.NewUser{Pharmacist: &store.PharmacistProfile{LicenceNumber: m.Licence}})
	}
	err = b.h.Batch(b.ctx, b.system, func(tx *store.Tx) error {
		for _, n := range users {
			if _, err := tx.CreateUser(b.ctx, n, pw); err != nil {
				return fmt.Errorf("demo account %s: %w", n.Email, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	b.users = map[string]store.User{}
	all, err := b.h.ListUsers(b.ctx, b.system, "")
	if err != nil {
		return err
	}
	for _, u := range all {
		b.users[u.Email] = u
	}
	for _, n := range users {
		b.sum.Accounts = append(b.sum.Accounts, Account{Email: n.Email, Role: n.Role, FullName: n.FullName})
	}
	b.step(len(users))
	if err := b.doctorIDsByUser(); err != nil {
		return err
	}
	return b.buildCalendars()
}

// doctorIDsByUser finds the doctors' record ids, in the team's order.
func (b *builder) doctorIDsByUser() error {
	doctors, err := b.h.Doctors(b.ctx, b.system)
	if err != nil {
		return err
	}
	byUser := map[int64]int64{}
	for _, d := range doctors {
		byUser[d.UserID] = d.ID
	}
	for _, d := range b.team.Doctors {
		id, ok := byUser[b.users[d.Email].ID]
		if !ok {
			return fmt.Errorf("demo: doctor %s has no record", d.Email)
		}
		b.doctorIDs = append(b.doctorIDs, id)
	}
	return nil
}

// buildCalendars writes the weekly hours, the leaves and the holiday. Appointments that
// would fall on a leave or the holiday are left out when the book is written.
func (b *builder) buildCalendars() error {
	today := b.rand(0).Today()
	b.leaveDays = map[int]map[string]bool{}
	type leave struct {
		doctor   int
		from, to int // days from today
		reason   string
	}
	leaves := []leave{{0, -40, -36, "Annual leave"}, {1 % len(b.doctorIDs), 8, 12, "Medical conference"}}
	b.holiday = date(today.AddDate(0, 0, 16))
	return b.h.Batch(b.ctx, b.system, func(tx *store.Tx) error {
		for _, id := range b.doctorIDs {
			for _, blk := range gen.WeeklySchedule() {
				_, err := tx.AddScheduleBlock(b.ctx, store.ScheduleBlock{DoctorID: id,
					Weekday: time.Weekday(blk.Weekday % 7), Start: blk.Start, End: blk.End, SlotMinutes: blk.SlotMinutes})
				if err != nil {
					return fmt.Errorf("demo hours: %w", err)
				}
			}
		}
		for _, l := range leaves {
			from, to := today.AddDate(0, 0, l.from), today.AddDate(0, 0, l.to)
			if _, err := tx.AddLeave(b.ctx, b.doctorIDs[l.doctor], from, to, l.reason); err != nil {
				return fmt.Errorf("demo leave: %w", err)
			}
			days := map[string]bool{}
			for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
				days[date(d)] = true
			}
			b.leaveDays[l.doctor] = days
		}
		_, err := tx.AddHoliday(b.ctx, today.AddDate(0, 0, 16), "Clinic closed: staff training day")
		return err
	})
}

// date is a local day as "YYYY-MM-DD".
func date(t time.Time) string { return t.Format(time.DateOnly) }
