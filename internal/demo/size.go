package demo

import (
	"fmt"
	"strings"
	"time"
)

// Size is how big a demo clinic is.
type Size int

// The demo sizes: Tiny for a first look in a second or two (and the tests that drive
// every screen), Small to look around, Clinic for a realistic practice, Large to measure
// the desk under load, and Huge, Large's staff and appointments over a registry of a
// million patients, to show that what a screen costs does not grow with the registry.
const (
	Tiny Size = iota + 1
	Small
	Clinic
	Large
	Huge
)

var sizeNames = map[Size]string{Tiny: "tiny", Small: "small", Clinic: "clinic", Large: "large", Huge: "huge"}

// Sizes lists every size, smallest first.
func Sizes() []Size { return []Size{Tiny, Small, Clinic, Large, Huge} }

// ParseSize reads a size name ("tiny", "small", "clinic", "large", "huge"), ignoring case and spaces.
func ParseSize(s string) (Size, error) {
	want := strings.ToLower(strings.TrimSpace(s))
	for _, sz := range Sizes() {
		if sizeNames[sz] == want {
			return sz, nil
		}
	}
	return 0, fmt.Errorf("unknown demo size %q: use tiny, small, clinic, large or huge", s)
}

// String is the size's name as ParseSize reads it.
func (s Size) String() string {
	if n, ok := sizeNames[s]; ok {
		return n
	}
	return fmt.Sprintf("Size(%d)", int(s))
}

// Counts is how many of each thing a demo clinic of one size holds.
type Counts struct {
	Patients      int
	Doctors       int
	Receptionists int
	Pharmacists   int
	Admins        int
	Appointments  int
	// InventoryItems is how many catalogue items the pharmacy stocks (see Inventory).
	InventoryItems int
	// PastDays and FutureDays bound the appointments: from PastDays before today to
	// FutureDays after it.
	PastDays, FutureDays int
}

// Counts returns the counts of a size.
//
// Room for the appointments, under WeeklySchedule (Monday to Saturday, 09:00–13:00 and
// 14:00–18:00, 15-minute slots: 32 slots a day, 192 a week for each doctor), at the
// Reference date (other dates differ by a day or so):
//
//	size    window (days)   working days   doctors   slots       appointments   filled
//	tiny    30 + 14         38             3         3,648       300            8.2%
//	small   180 + 30        181            6         34,752      2,000          5.8%
//	clinic  730 + 61        679            20        434,560     50,000         11.5%
//	large   730 + 61        679            60        1,303,680   1,000,000      76.7%
//	huge    as large, with 1,000,000 patients
//
// The often-quoted 250 working days a year for 2 years at 33 slots a day would give 60
// doctors only 990,000 slots: too few for a million without double booking, hence six
// working days a week and the two months ahead. Appointments crowd towards today, and no
// day is booked beyond MaxDayFill, so there is always room to book one more.
func (s Size) Counts() Counts {
	switch s {
	case Tiny:
		return Counts{Patients: 40, Doctors: 3, Receptionists: 1, Pharmacists: 1, Admins: 1,
			Appointments: 300, InventoryItems: 90, PastDays: 30, FutureDays: 14}
	case Small:
		return Counts{Patients: 200, Doctors: 6, Receptionists: 2, Pharmacists: 2, Admins: 1,
			Appointments: 2_000, InventoryItems: 90, PastDays: 180, FutureDays: 30}
	case Clinic:
		return Counts{Patients: 5_000, Doctors: 20, Receptionists: 3, Pharmacists: 2, Admins: 1,
			Appointments: 50_000, InventoryItems: 130, PastDays: 730, FutureDays: 61}
	case Large:
		return Counts{Patients: 100_000, Doctors: 60, Receptionists: 5, Pharmacists: 4, Admins: 2,
			Appointments: 1_000_000, InventoryItems: len(medicines), PastDays: 730, FutureDays: 61}
	case Huge:
		c := Large.Counts()
		c.Patients = 1_000_000
		return c
	}
	return Counts{}
}

// Staff is the number of user accounts for staff.
func (c Counts) Staff() int { return c.Admins + c.Doctors + c.Receptionists + c.Pharmacists }

// SlotMinutes is the length of every demo appointment.
const SlotMinutes = 15

// MaxDayFill is the share of a day's slots, in per mille, that the demo books at most.
const MaxDayFill = 900

// ScheduleBlock is one block of a doctor's weekly hours, as doctor_schedules stores it.
type ScheduleBlock struct {
	Weekday     int    // 1 = Monday … 7 = Sunday
	Start, End  string // local wall-clock time "HH:MM"
	SlotMinutes int
}

// dayHours are the bookable hours of a working day, as minutes after midnight.
var dayHours = [][2]int{{9 * 60, 13 * 60}, {14 * 60, 18 * 60}}

// WeeklySchedule is every demo doctor's timetable: Monday to Saturday, 09:00–13:00 and
// 14:00–18:00, in SlotMinutes slots.
func WeeklySchedule() []ScheduleBlock {
	var out []ScheduleBlock
	for wd := 1; wd <= 6; wd++ {
		for _, h := range dayHours {
			out = append(out, ScheduleBlock{Weekday: wd, Start: clock(h[0]), End: clock(h[1]), SlotMinutes: SlotMinutes})
		}
	}
	return out
}

func clock(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }

// working reports whether the clinic is open on day.
func working(day time.Time) bool { return day.Weekday() != time.Sunday }

// slotsPerDay is the number of slots in one doctor's working day.
func slotsPerDay() int {
	n := 0
	for _, h := range dayHours {
		n += (h[1] - h[0]) / SlotMinutes
	}
	return n
}

// Capacity is the number of appointment slots in the window around today: every doctor,
// every working day, every slot.
func (c Counts) Capacity(today time.Time) int {
	days := 0
	for d := -c.PastDays; d <= c.FutureDays; d++ {
		if working(today.AddDate(0, 0, d)) {
			days++
		}
	}
	return days * slotsPerDay() * c.Doctors
}
