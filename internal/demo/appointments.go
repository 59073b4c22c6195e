package demo

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"time"
)

// Appointment is one generated booking.
type Appointment struct {
	Doctor  int // index into the doctors given to Appointments
	Patient int // index into the patients given to Appointments
	// Start and End are in the location of the generator's Now; End is SlotMinutes later.
	Start, End time.Time
	// Status follows the clock: past visits are completed, missed or cancelled; the
	// current slot is in consultation; later today some patients have checked in; future
	// visits are scheduled, confirmed or cancelled.
	Status       string
	Reason       string
	CancelReason string // set when cancelled
	FeeCents     int64
	// PaymentStatus is unpaid, paid or waived; PaymentMethod (cash, card, upi, insurance)
	// is set when paid.
	PaymentStatus   string
	PaymentMethod   string
	AmountPaidCents int64
	// CheckedInAt, StartedAt and CompletedAt are set (non-zero) as far as the visit got,
	// never after Now. PaidAt is CheckedInAt when paid or waived.
	CheckedInAt, StartedAt, CompletedAt time.Time
}

// Appointment statuses, as the appointments table stores them.
const (
	Scheduled      = "scheduled"
	Confirmed      = "confirmed"
	CheckedIn      = "checked_in"
	InConsultation = "in_consultation"
	Completed      = "completed"
	Cancelled      = "cancelled"
	NoShow         = "no_show"
)

var cancelReasons = []string{"Patient request", "Rescheduled by patient", "Doctor unavailable",
	"Feeling better", "Travelling", "Booked by mistake", "Clinic rescheduled"}

// Appointments plans c.Appointments bookings between c.PastDays before and c.FutureDays
// after the generator's Now, and yields them in order of start time.
//
// Every booking takes one slot of the WeeklySchedule, so no doctor is ever double booked,
// and the patients of any one slot are distinct, so no patient is either. Days near today
// are busier than old ones, no day is booked beyond MaxDayFill, and patients fit the
// doctor's speciality (children see the paediatrician, women the gynaecologist). It fails
// only when the window has too few slots for the count.
func Appointments(r *Rand, c Counts, doctors []Doctor, patients []Person) (iter.Seq[Appointment], error) {
	if len(doctors) == 0 || len(patients) == 0 {
		return nil, fmt.Errorf("demo appointments need doctors and patients")
	}
	today := r.Today()
	days, quotas, err := dayQuotas(today, c.PastDays, c.FutureDays, len(doctors), c.Appointments)
	if err != nil {
		return nil, err
	}
	pools := patientPools(today, doctors, patients)
	return func(yield func(Appointment) bool) {
		for i, day := range days {
			if !planDay(r, day, quotas[i], doctors, patients, pools, yield) {
				return
			}
		}
	}, nil
}

// dayWeight is how busy a day is, per mille, by how many days it is from today.
func dayWeight(offset int, wd time.Weekday) int {
	w := 300
	switch {
	case offset == 0:
		w = 1000
	case offset > 30:
		w = 120
	case offset > 7:
		w = 350
	case offset > 0:
		w = 700
	case offset >= -7:
		w = 1000
	case offset >= -30:
		w = 700
	case offset >= -90:
		w = 500
	case offset >= -365:
		w = 350
	}
	if wd == time.Saturday {
		w = w * 7 / 10
	}
	return w
}

// dayQuotas lists the working days of the window and how many appointments each gets:
// in proportion to its weight, none beyond MaxDayFill, n in all.
func dayQuotas(today time.Time, past, future, doctors, n int) ([]time.Time, []int, error) {
	var days []time.Time
	var weights []int64
	var offsets []int
	maxDay := int64(doctors*slotsPerDay()) * MaxDayFill / 1000
	for d := -past; d <= future; d++ {
		day := today.AddDate(0, 0, d)
		if working(day) {
			days = append(days, day)
			offsets = append(offsets, d)
			weights = append(weights, int64(dayWeight(d, day.Weekday())*doctors))
		}
	}
	if room := int64(len(days)) * maxDay; int64(n) > room {
		return nil, nil, fmt.Errorf("demo appointments: %d do not fit in %d bookable slots", n, room)
	}
	quotas := make([]int, len(days))
	fill := func(scale int64) int {
		sum := 0
		for i, w := range weights {
			quotas[i] = int(min(maxDay, scale*w/1_000_000))
			sum += quotas[i]
		}
		return sum
	}
	lo, hi := int64(0), int64(1)<<36 // the largest scale whose total is at most n
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fill(mid) <= n {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	left := n - fill(lo)
	order := make([]int, len(days)) // days nearest to today first
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(abs(offsets[a]), abs(offsets[b])) })
	for left > 0 {
		for _, i := range order {
			if left > 0 && int64(quotas[i]) < maxDay {
				quotas[i]++
				left--
			}
		}
	}
	return days, quotas, nil
}

func abs(x int) int { return max(x, -x) }

// patientPools lists, for each speciality among the doctors, the patients it may see.
func patientPools(today time.Time, doctors []Doctor, patients []Person) map[string][]int {
	pools := map[string][]int{}
	for _, d := range doctors {
		if _, ok := pools[d.Speciality]; ok {
			continue
		}
		s, _ := SpecialityNamed(d.Speciality)
		var pool []int
		for i, p := range patients {
			if s.Fits(p.Age(today), p.Sex) {
				pool = append(pool, i)
			}
		}
		if len(pool) == 0 {
			pool = make([]int, len(patients))
			for i := range pool {
				pool[i] = i
			}
		}
		pools[d.Speciality] = pool
	}
	return pools
}

// planDay picks quota of the day's (slot, doctor) cells uniformly (selection sampling, in
// time order) and yields a booking for each.
func planDay(r *Rand, day time.Time, quota int, doctors []Doctor, patients []Person,
	pools map[string][]int, yield func(Appointment) bool) bool {
	cells := slotsPerDay() * len(doctors)
	cell := 0
	for _, h := range dayHours {
		for m := h[0]; m < h[1]; m += SlotMinutes {
			start := time.Date(day.Year(), day.Month(), day.Day(), m/60, m%60, 0, 0, day.Location())
			var busy []int // patients already booked in this slot
			for di := range doctors {
				take := quota > 0 && r.IntN(cells-cell) < quota
				cell++
				if !take {
					continue
				}
				quota--
				pi := pickPatient(r, pools[doctors[di].Speciality], busy, len(patients))
				busy = append(busy, pi)
				if !yield(booking(r, start, &doctors[di], di, pi)) {
					return false
				}
			}
		}
	}
	return true
}

// pickPatient picks a patient of the pool who is not in busy, falling back to anyone free.
func pickPatient(r *Rand, pool, busy []int, everyone int) int {
	free := func(p int) bool {
		for _, b := range busy {
			if b == p {
				return false
			}
		}
		return true
	}
	for range 20 {
		if p := Pick(r, pool); free(p) {
			return p
		}
	}
	for _, p := range pool {
		if free(p) {
			return p
		}
	}
	for p := range everyone {
		if free(p) {
			return p
		}
	}
	return Pick(r, pool) // more doctors than patients: cannot happen with the demo counts
}

// booking fills in one appointment's status, payment and timestamps against Now.
func booking(r *Rand, start time.Time, d *Doctor, di, pi int) Appointment {
	now := r.Now()
	s, _ := SpecialityNamed(d.Speciality)
	a := Appointment{Doctor: di, Patient: pi, Start: start, End: start.Add(SlotMinutes * time.Minute),
		Reason: Pick(r, s.Reasons), FeeCents: d.FeeCents, PaymentStatus: "unpaid"}
	sameDay := midnight(start).Equal(r.Today())
	n := r.IntN(1000)
	switch {
	case !a.End.After(now) && sameDay:
		a.Status = choose(n, choice{880, Completed}, choice{40, NoShow}, choice{80, Cancelled})
	case !a.End.After(now):
		a.Status = choose(n, choice{800, Completed}, choice{70, NoShow}, choice{130, Cancelled})
	case !start.After(now):
		a.Status = choose(n, choice{900, InConsultation}, choice{100, Cancelled})
	case sameDay && start.Sub(now) <= time.Hour:
		a.Status = choose(n, choice{400, CheckedIn}, choice{450, Confirmed}, choice{100, Scheduled}, choice{50, Cancelled})
	case sameDay:
		a.Status = choose(n, choice{550, Confirmed}, choice{350, Scheduled}, choice{100, Cancelled})
	default:
		a.Status = choose(n, choice{600, Scheduled}, choice{300, Confirmed}, choice{100, Cancelled})
	}
	earlier := func(t time.Time) time.Time {
		if t.After(now) {
			return now
		}
		return t
	}
	switch a.Status {
	case Cancelled:
		a.CancelReason = Pick(r, cancelReasons)
	case Completed, InConsultation, CheckedIn:
		a.CheckedInAt = earlier(start.Add(-time.Duration(r.Between(2, 25)) * time.Minute))
		if a.Status != CheckedIn {
			a.StartedAt = earlier(start.Add(time.Duration(r.Between(0, 8)) * time.Minute))
		}
		if a.Status == Completed {
			a.CompletedAt = earlier(a.StartedAt.Add(time.Duration(r.Between(7, 18)) * time.Minute))
		}
		switch n := r.IntN(1000); {
		case a.Status == Completed && n < 950, a.Status != Completed && n < 600:
			a.PaymentStatus, a.AmountPaidCents = "paid", a.FeeCents
			a.PaymentMethod = choose(r.IntN(1000), choice{450, "upi"}, choice{300, "cash"}, choice{200, "card"}, choice{50, "insurance"})
		case a.Status == Completed && n < 980:
			a.PaymentStatus = "waived"
		}
	}
	return a
}

// choice is a value with its weight, per mille.
type choice struct {
	perMille int
	value    string
}

// choose maps n in [0, 1000) onto the choices by their weights.
func choose(n int, cs ...choice) string {
	for _, c := range cs {
		if n < c.perMille {
			return c.value
		}
		n -= c.perMille
	}
	return cs[len(cs)-1].value
}
