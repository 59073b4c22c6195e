package store

import (
	"context"
	"errors"
	"testing"
)

func TestFavouritesAreTheDoctorsOwn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	rao := mustUser(t, s, RoleDoctor, "rao@clinic.test", "Asha Rao").Actor()
	lee := mustUser(t, s, RoleDoctor, "lee@clinic.test", "Min Lee").Actor()
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Desk").Actor()

	items := []FavouriteItem{
		{Name: "Amoxicillin", Strength: "500 mg", Dosage: "1 capsule", Frequency: "TDS", DurationDays: 5, Quantity: 15},
		{Name: "Paracetamol", Strength: "500 mg", Dosage: "1 tablet", Frequency: "PRN", Quantity: 10},
	}
	id, err := s.SaveFavourite(ctx, rao, "  Sore   throat ", items)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.Favourites(ctx, rao)
	if err != nil || len(list) != 1 || list[0].Name != "Sore throat" || len(list[0].Items) != 2 ||
		list[0].Items[0] != items[0] {
		t.Fatalf("favourites: %+v %v", list, err)
	}
	// Saving under the same name replaces the lines.
	if again, err := s.SaveFavourite(ctx, rao, "Sore throat", items[:1]); err != nil || again != id {
		t.Fatalf("save again: %d %v, want the same id %d", again, err, id)
	}
	if list, _ := s.Favourites(ctx, rao); len(list) != 1 || len(list[0].Items) != 1 {
		t.Fatalf("after replacing: %+v", list)
	}
	if list, _ := s.Favourites(ctx, lee); len(list) != 0 {
		t.Fatalf("another doctor sees %+v", list)
	}
	if err := s.DeleteFavourite(ctx, lee, id); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another doctor's delete: %v, want not found", err)
	}
	if _, err := s.SaveFavourite(ctx, desk, "x", items); !errors.Is(err, ErrForbidden) {
		t.Fatalf("receptionist saves a favourite: %v", err)
	}
	if _, err := s.SaveFavourite(ctx, rao, "Empty", nil); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty favourite: %v", err)
	}
	if _, err := s.SaveFavourite(ctx, rao, "", items); !errors.Is(err, ErrInvalid) {
		t.Fatalf("unnamed favourite: %v", err)
	}
	if err := s.DeleteFavourite(ctx, rao, id); err != nil {
		t.Fatal(err)
	}
	var audited int
	s.readers.QueryRow(`SELECT count(*) FROM audit_log WHERE table_name = 'prescription_favourites'`).Scan(&audited)
	if audited != 3 {
		t.Fatalf("%d audit rows for favourites, want 3 (insert, update, delete)", audited)
	}
	if list, _ := s.Favourites(ctx, rao); len(list) != 0 {
		t.Fatalf("after delete: %+v", list)
	}
}

func TestFavouriteItemsBecomeMedicationInputs(t *testing.T) {
	t.Parallel()
	m := PrescribedMedication{InventoryItemID: 4, Name: "Ibuprofen", Frequency: "BD", DurationDays: 3, Quantity: 6,
		AllergyOverrideReason: "tolerated before"}
	in := FavouriteFrom(m).Input()
	if in.InventoryItemID != 4 || in.Name != "Ibuprofen" || in.Quantity != 6 || in.AllergyOverrideReason != "" {
		t.Fatalf("input: %+v", in)
	}
}

// A line marked chronic (long-term) keeps the mark through a favourite: saved, read back
// and added to a prescription again, it still lets the prescription be valid for longer.
func TestFavouriteKeepsTheChronicMark(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	rao := mustUser(t, s, RoleDoctor, "rao@clinic.test", "Asha Rao").Actor()
	metformin := PrescribedMedication{Name: "Metformin", Strength: "500 mg", Dosage: "1 tablet", Frequency: "BD",
		Quantity: 60, Chronic: true}
	para := PrescribedMedication{Name: "Paracetamol", Strength: "500 mg", Dosage: "1 tablet", Frequency: "PRN", Quantity: 10}
	if _, err := s.SaveFavourite(ctx, rao, "Diabetes", []FavouriteItem{FavouriteFrom(metformin), FavouriteFrom(para)}); err != nil {
		t.Fatal(err)
	}
	list, err := s.Favourites(ctx, rao)
	if err != nil || len(list) != 1 {
		t.Fatalf("favourites: %+v %v", list, err)
	}
	if in := list[0].Items[0].Input(); !in.Chronic || in.Name != "Metformin" {
		t.Fatalf("the chronic line came back as %+v", in)
	}
	if in := list[0].Items[1].Input(); in.Chronic {
		t.Fatalf("the short course came back chronic: %+v", in)
	}
}
