package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// InventoryItem is one medicine or product the pharmacy stocks. CurrentStock is the
// running total of its stock movements; the schema lets nothing else change it.
type InventoryItem struct {
	ID             int64
	Name           string
	GenericName    string
	DrugClass      string
	Strength       string
	Form           string
	Unit           string
	OverTheCounter bool // sold without a prescription
	CurrentStock   int
	MinimumStock   int
	UnitPriceCents int64
	Active         bool
	LastMovementID int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// NearestExpiry is the earliest expiry of a batch with stock left that has not
	// expired; zero when there is none.
	NearestExpiry time.Time
}

// Batch is one delivery of an item under one batch number and expiry date.
type Batch struct {
	ID            int64
	ItemID        int64
	ItemName      string
	BatchNumber   string
	ExpiresOn     time.Time // a date (midnight UTC)
	QuantityLeft  int
	UnitCostCents int64
	Supplier      string
	ReceivedAt    time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// Expired is true once the expiry date has passed in the clinic's time zone: a
	// batch is good through its expiry date.
	Expired bool
}

// MovementKind is why stock changed.
type MovementKind string

// The schema's stock movement kinds.
const (
	MovementReceive  MovementKind = "receive"
	MovementDispense MovementKind = "dispense"
	MovementAdjust   MovementKind = "adjust"
	MovementExpire   MovementKind = "expire"
	MovementReturn   MovementKind = "return"
)

// StockMovement is one line of an item's ledger.
type StockMovement struct {
	ID            int64
	ItemID        int64
	BatchID       int64
	BatchNumber   string
	Kind          MovementKind
	Quantity      int // signed: receipts add, dispensing takes away
	Reason        string
	FulfillmentID int64
	ActorID       int64
	ActorName     string
	CreatedAt     time.Time
	// RunningBalance is the item's stock just after this movement.
	RunningBalance int
}

// DailyStock is an item's stock at the end of one day in the clinic's time zone, with
// what came in and went out that day.
type DailyStock struct {
	Date  time.Time // the day, as midnight UTC of that date
	Stock int
	In    int
	Out   int
}

// ItemInput is an inventory item's editable fields.
type ItemInput struct {
	Name           string
	GenericName    string
	DrugClass      string
	Strength       string
	Form           string
	Unit           string // "unit" when empty
	OverTheCounter bool
	MinimumStock   int
	UnitPriceCents int64
}

func (in *ItemInput) validate() error {
	in.Name = strings.TrimSpace(in.Name)
	in.GenericName = strings.TrimSpace(in.GenericName)
	in.DrugClass = strings.TrimSpace(in.DrugClass)
	in.Strength = strings.TrimSpace(in.Strength)
	in.Form = strings.TrimSpace(in.Form)
	in.Unit = strings.TrimSpace(in.Unit)
	if in.Unit == "" {
		in.Unit = "unit"
	}
	switch {
	case in.Name == "":
		return invalid("name", "The item's name is required.")
	case len([]rune(in.Name)) > 200:
		return invalid("name", "The item's name must be at most 200 characters.")
	case in.MinimumStock < 0:
		return invalid("minimum_stock", "Minimum stock cannot be negative.")
	case in.UnitPriceCents < 0:
		return invalid("unit_price_cents", "The unit price cannot be negative.")
	}
	for _, f := range []struct{ field, label, text string }{
		{"name", "The item's name", in.Name}, {"generic_name", "The generic name", in.GenericName},
		{"drug_class", "The drug class", in.DrugClass}, {"strength", "The strength", in.Strength},
		{"form", "The form", in.Form}, {"unit", "The unit", in.Unit},
	} {
		if err := checkText(f.field, f.label, f.text, false); err != nil {
			return err
		}
	}
	return nil
}

// AddInventoryItem adds an item to the catalogue, with no stock: stock arrives through
// ReceiveStock.
func (t *Tx) AddInventoryItem(ctx context.Context, in ItemInput) (int64, error) {
	if err := t.allow(ActManageInventory); err != nil {
		return 0, err
	}
	if err := in.validate(); err != nil {
		return 0, err
	}
	now := formatTime(t.now())
	id, err := t.insert(ctx, `INSERT INTO inventory_items(name, generic_name, drug_class, strength, form, unit,
		over_the_counter, minimum_stock, unit_price_cents, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.Name, in.GenericName, in.DrugClass, in.Strength, in.Form,
		in.Unit, in.OverTheCounter, in.MinimumStock, in.UnitPriceCents, now, now)
	return id, itemNameTaken(err, in.Name)
}

// UpdateInventoryItem changes an item's catalogue fields; its stock is untouched.
func (t *Tx) UpdateInventoryItem(ctx context.Context, id int64, in ItemInput) error {
	if err := t.allow(ActManageInventory); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	res, err := t.exec(ctx, `UPDATE inventory_items SET name = ?, generic_name = ?, drug_class = ?, strength = ?,
		form = ?, unit = ?, over_the_counter = ?, minimum_stock = ?, unit_price_cents = ? WHERE id = ?`,
		in.Name, in.GenericName, in.DrugClass, in.Strength, in.Form, in.Unit, in.OverTheCounter,
		in.MinimumStock, in.UnitPriceCents, id)
	if err != nil {
		return itemNameTaken(err, in.Name)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("inventory item")
	}
	return nil
}

func itemNameTaken(err error, name string) error {
	var c *ConflictError
	if errors.As(err, &c) && c.Rule == "unique_name" {
		return invalid("name", "Another item is already called "+name+".")
	}
	return err
}

// AddInventoryItem adds an item to the catalogue.
func (s *Store) AddInventoryItem(ctx context.Context, actor Actor, in ItemInput) (int64, error) {
	defer s.timed("AddInventoryItem")()
	var id int64
	err := s.write(ctx, actor, func(tx *Tx) (err error) {
		id, err = tx.AddInventoryItem(ctx, in)
		return err
	})
	return id, err
}

// UpdateInventoryItem changes an item's catalogue fields.
func (s *Store) UpdateInventoryItem(ctx context.Context, actor Actor, id int64, in ItemInput) error {
	defer s.timed("UpdateInventoryItem")()
	return s.write(ctx, actor, func(tx *Tx) error { return tx.UpdateInventoryItem(ctx, id, in) })
}

// clinicToday is today's date ('YYYY-MM-DD') in the clinic's time zone, read from the
// settings through q so that a write transaction sees its own view.
func clinicToday(ctx context.Context, q querier, now time.Time) (string, *time.Location, error) {
	zone, err := storedSetting(ctx, q, SettingTimeZone, "UTC")
	if err != nil {
		return "", nil, err
	}
	loc := Settings{TimeZone: zone}.Location()
	return formatDate(now.In(loc)), loc, nil
}

// storedSetting reads one setting through q (a write transaction sees its own view),
// or def when it was never set.
func storedSetting(ctx context.Context, q querier, key, def string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return def, nil
	}
	return v, translate(err)
}

func parseStoredDate(s string) time.Time {
	d, _ := time.Parse(dateLayout, s)
	return d
}

// itemColumns reads an item; the last column is its nearest unexpired expiry, for which
// the query binds the clinic's date as ?1.
const itemColumns = `i.id, i.name, i.generic_name, i.drug_class, i.strength, i.form, i.unit, i.over_the_counter,
	i.current_stock, i.minimum_stock, i.unit_price_cents, i.active, i.last_movement_id, i.created_at, i.updated_at,
	(SELECT min(b.expires_on) FROM inventory_batches b
	  WHERE b.item_id = i.id AND b.quantity_left > 0 AND b.expires_on >= ?1)`

func scanItem(row interface{ Scan(...any) error }) (InventoryItem, error) {
	var it InventoryItem
	var lastMovement sql.NullInt64
	var created, updated string
	var nearest sql.NullString
	err := row.Scan(&it.ID, &it.Name, &it.GenericName, &it.DrugClass, &it.Strength, &it.Form, &it.Unit,
		&it.OverTheCounter, &it.CurrentStock, &it.MinimumStock, &it.UnitPriceCents, &it.Active, &lastMovement,
		&created, &updated, &nearest)
	if err != nil {
		return InventoryItem{}, err
	}
	it.LastMovementID = idOrZero(lastMovement)
	it.CreatedAt, it.UpdatedAt = parseTime(created), parseTime(updated)
	if nearest.Valid {
		it.NearestExpiry = parseStoredDate(nearest.String)
	}
	return it, nil
}

// batchColumns reads a batch with its item's name; the query binds the clinic's date
// as ?1 to decide Expired.
const batchColumns = `b.id, b.item_id, i.name, b.batch_number, b.expires_on, b.quantity_left, b.unit_cost_cents,
	b.supplier, b.received_at, b.created_at, b.updated_at, b.expires_on < ?1`

func scanBatch(row interface{ Scan(...any) error }) (Batch, error) {
	var b Batch
	var expires, received, created, updated string
	err := row.Scan(&b.ID, &b.ItemID, &b.ItemName, &b.BatchNumber, &expires, &b.QuantityLeft, &b.UnitCostCents,
		&b.Supplier, &received, &created, &updated, &b.Expired)
	if err != nil {
		return Batch{}, err
	}
	b.ExpiresOn = parseStoredDate(expires)
	b.ReceivedAt, b.CreatedAt, b.UpdatedAt = parseTime(received), parseTime(created), parseTime(updated)
	return b, nil
}

// InventoryItem returns one item of the catalogue.
func (s *Store) InventoryItem(ctx context.Context, actor Actor, id int64) (InventoryItem, error) {
	defer s.timed("InventoryItem")()
	if err := s.allow(ctx, actor, ActReadInventory); err != nil {
		return InventoryItem{}, err
	}
	today, _, err := clinicToday(ctx, s.readers, s.now())
	if err != nil {
		return InventoryItem{}, err
	}
	it, err := scanItem(s.readers.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM inventory_items i WHERE i.id = ?2`,
		today, id))
	if err != nil {
		return InventoryItem{}, notFoundOr(err, "inventory item")
	}
	return it, nil
}
