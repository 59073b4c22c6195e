package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// hostile are names that would act on a terminal if drawn as they are: an OSC 52
// clipboard write, a title change, a colour, a C1 CSI, DEL, a bidi override and an
// isolate that reorder what follows, a bare line break, and bytes that are not UTF-8.
var hostile = map[string]string{
	"osc52":    "Amoxicillin\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07",
	"title":    "Asha\x1b]0;pwned\x07",
	"csi":      "Asha\x1b[31mRed",
	"c1 csi":   "Asha\u009b31mRed",
	"del":      "Asha\x7fRao",
	"override": "Asha\u202eoaR",
	"isolate":  "Asha\u2067Rao\u2069",
	"newline":  "Asha\nRao",
	"invalid":  "Asha\xff\xfeRao",
}

func TestNamesWithTerminalEscapesAreRefusedNamingTheField(t *testing.T) {
	ctx := context.Background()
	s := newTestStore(t)
	admin := mustUser(t, s, RoleAdmin, "admin@clinic.test", "Grace Admin")
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Maya Desk")
	pharm := mustUser(t, s, RolePharmacist, "ph@clinic.test", "Pia Pharm")
	dob := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	check := func(t *testing.T, what, field string, err error) {
		t.Helper()
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != field || !errors.Is(err, ErrUnsafeText) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v (%#v), want an unsafe-text error on %s", what, err, fe, field)
		}
	}
	for name, text := range hostile {
		t.Run(name, func(t *testing.T) {
			_, err := s.AddPatient(ctx, desk.Actor(), PatientInput{FirstName: text, LastName: "Rao", DateOfBirth: dob, Sex: "female"})
			if name != "newline" { // a line break inside a name is folded to a space
				check(t, "patient first name", "first_name", err)
			}
			_, err = s.AddPatient(ctx, desk.Actor(), PatientInput{FirstName: "Asha", LastName: text, DateOfBirth: dob, Sex: "female"})
			if name != "newline" {
				check(t, "patient last name", "last_name", err)
			}
			_, err = s.CreateUser(ctx, admin.Actor(), NewUser{Email: "new@clinic.test", FullName: text,
				Role: RoleReceptionist, Password: testPassword})
			check(t, "user name", "full_name", err)
			_, err = s.UpdateUser(ctx, admin.Actor(), desk.ID, UserEdit{Email: desk.Email, FullName: text})
			check(t, "user name edit", "full_name", err)
			_, err = s.AddInventoryItem(ctx, pharm.Actor(), ItemInput{Name: text, Form: "tablet"})
			check(t, "item name", "name", err)
			err = s.PutSetting(ctx, admin.Actor(), SettingClinicName, text)
			check(t, "clinic name", SettingClinicName, err)
		})
	}
	// Ordinary names from anywhere pass: accents, scripts written right to left, CJK.
	for _, name := range []string{"María López-Núñez", "محمد علي", "王秀英", "O'Brien"} {
		if _, err := s.CreateUser(ctx, admin.Actor(), NewUser{Email: "n" + string(rune('a'+len(name)%26)) + "@clinic.test",
			FullName: name, Role: RoleReceptionist, Password: testPassword}); err != nil {
			t.Errorf("%q refused: %v", name, err)
		}
	}
}
