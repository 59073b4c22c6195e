package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Favourite is a doctor's saved set of medication lines, added to a prescription in one
// step (for example "Adult sore throat": an antibiotic and a painkiller).
type Favourite struct {
	ID        int64
	DoctorID  int64
	Name      string
	Items     []FavouriteItem
	CreatedAt time.Time
	UpdatedAt time.Time
}

// FavouriteItem is one saved medication line: a MedicationInput without the allergy
// override, which is always the patient's own.
type FavouriteItem struct {
	InventoryItemID int64  `json:"inventory_item_id,omitempty"`
	Name            string `json:"name"`
	GenericName     string `json:"generic_name,omitempty"`
	Strength        string `json:"strength,omitempty"`
	Form            string `json:"form,omitempty"`
	Dosage          string `json:"dosage,omitempty"`
	Frequency       string `json:"frequency,omitempty"`
	DurationDays    int    `json:"duration_days,omitempty"`
	Route           string `json:"route,omitempty"`
	Instructions    string `json:"instructions,omitempty"`
	Quantity        int    `json:"quantity,omitempty"`
	// Chronic keeps the long-term mark, which lets a prescription be valid for longer.
	Chronic bool `json:"chronic,omitempty"`
}

// MaxFavouriteItems is how many lines one favourite holds (the schema's limit).
const MaxFavouriteItems = 30

// Input returns the line as a medication to add to a prescription.
func (f FavouriteItem) Input() MedicationInput {
	return MedicationInput{InventoryItemID: f.InventoryItemID, Name: f.Name, GenericName: f.GenericName,
		Strength: f.Strength, Form: f.Form, Dosage: f.Dosage, Frequency: f.Frequency,
		DurationDays: f.DurationDays, Route: f.Route, Instructions: f.Instructions, Quantity: f.Quantity,
		Chronic: f.Chronic}
}

// FavouriteFrom makes a saved line of a prescribed medication.
func FavouriteFrom(m PrescribedMedication) FavouriteItem {
	return FavouriteItem{InventoryItemID: m.InventoryItemID, Name: m.Name, GenericName: m.GenericName,
		Strength: m.Strength, Form: m.Form, Dosage: m.Dosage, Frequency: m.Frequency,
		DurationDays: m.DurationDays, Route: m.Route, Instructions: m.Instructions, Quantity: m.Quantity,
		Chronic: m.Chronic}
}

// doctorOf finds the doctor's record of the acting user.
func (t *Tx) doctorOf(ctx context.Context) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT id FROM doctors WHERE user_id = ?`, t.actor.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, invalid("doctor_id", "Only a doctor with a doctor's record keeps favourites.")
	}
	return id, translate(err)
}

// SaveFavourite stores the acting doctor's favourite under name, replacing the lines of
// one of the same name, and returns its id.
func (t *Tx) SaveFavourite(ctx context.Context, name string, items []FavouriteItem) (int64, error) {
	if err := t.allow(ActPrescribe); err != nil {
		return 0, err
	}
	name = collapseSpaces(name)
	if err := checkRequired("name", "Favourite's name", name, 80); err != nil {
		return 0, err
	}
	switch {
	case len(items) == 0:
		return 0, invalid("items", "A favourite needs at least one medication.")
	case len(items) > MaxFavouriteItems:
		return 0, invalid("items", fmt.Sprintf("A favourite holds at most %d medications.", MaxFavouriteItems))
	}
	for i, it := range items {
		if collapseSpaces(it.Name) == "" {
			return 0, invalid("items", fmt.Sprintf("Medication %d of the favourite has no name.", i+1))
		}
	}
	doctor, err := t.doctorOf(ctx)
	if err != nil {
		return 0, err
	}
	data, err := json.Marshal(items)
	if err != nil {
		return 0, err
	}
	var id int64
	err = t.queryRow(ctx, `SELECT id FROM prescription_favourites WHERE doctor_id = ? AND name = ?`, doctor, name).Scan(&id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return t.insert(ctx, `INSERT INTO prescription_favourites(doctor_id, name, items) VALUES (?, ?, ?)`,
			doctor, name, string(data))
	case err != nil:
		return 0, translate(err)
	}
	_, err = t.exec(ctx, `UPDATE prescription_favourites SET items = ? WHERE id = ?`, string(data), id)
	return id, err
}

// DeleteFavourite removes one of the acting doctor's favourites.
func (t *Tx) DeleteFavourite(ctx context.Context, id int64) error {
	if err := t.allow(ActPrescribe); err != nil {
		return err
	}
	doctor, err := t.doctorOf(ctx)
	if err != nil {
		return err
	}
	res, err := t.exec(ctx, `DELETE FROM prescription_favourites WHERE id = ? AND doctor_id = ?`, id, doctor)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("favourite")
	}
	return nil
}

// SaveFavourite stores a favourite for the acting doctor; see Tx.SaveFavourite.
func (s *Store) SaveFavourite(ctx context.Context, actor Actor, name string, items []FavouriteItem) (int64, error) {
	defer s.timed("SaveFavourite")()
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) (err error) {
		id, err = tx.SaveFavourite(ctx, name, items)
		return err
	})
	return id, err
}

// DeleteFavourite removes one of the acting doctor's favourites.
func (s *Store) DeleteFavourite(ctx context.Context, actor Actor, id int64) error {
	defer s.timed("DeleteFavourite")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.DeleteFavourite(ctx, id) })
}

// Favourites lists the acting doctor's favourites by name (at most 200).
func (s *Store) Favourites(ctx context.Context, actor Actor) ([]Favourite, error) {
	defer s.timed("Favourites")()
	if err := s.allow(ctx, actor, ActPrescribe); err != nil {
		return nil, err
	}
	rows, err := s.readers.QueryContext(ctx, `SELECT f.id, f.doctor_id, f.name, f.items, f.created_at, f.updated_at
		FROM prescription_favourites f JOIN doctors d ON d.id = f.doctor_id
		WHERE d.user_id = ? ORDER BY f.name COLLATE NOCASE, f.id LIMIT 200`, actor.ID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var list []Favourite
	for rows.Next() {
		var f Favourite
		var items, created, updated string
		if err := rows.Scan(&f.ID, &f.DoctorID, &f.Name, &items, &created, &updated); err != nil {
			return nil, translate(err)
		}
		if err := json.Unmarshal([]byte(items), &f.Items); err != nil {
			return nil, fmt.Errorf("favourite %q: %w", f.Name, err)
		}
		f.CreatedAt, f.UpdatedAt = parseTime(created), parseTime(updated)
		list = append(list, f)
	}
	return list, translate(rows.Err())
}
