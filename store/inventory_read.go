package store

import (
	"context"
	"database/sql"
	"math"
	"strings"
	"time"
	"unicode"
)

// SearchInventory finds active items whose name or generic name has words starting
// with each word of query ("amox 500" finds "Amoxicillin 500 mg"), items in stock
// first, then the best matches. An empty query lists the catalogue by name.
func (s *Store) SearchInventory(ctx context.Context, actor Actor, query string, limit int) ([]InventoryItem, error) {
	defer s.timed("SearchInventory")()
	return s.searchItems(ctx, actor, query, limit, false)
}

// SearchOverTheCounter is SearchInventory among the items sold without a prescription:
// what a walk-in sale may sell.
func (s *Store) SearchOverTheCounter(ctx context.Context, actor Actor, query string, limit int) ([]InventoryItem, error) {
	defer s.timed("SearchOverTheCounter")()
	return s.searchItems(ctx, actor, query, limit, true)
}

func (s *Store) searchItems(ctx context.Context, actor Actor, query string, limit int, otcOnly bool) ([]InventoryItem, error) {
	if err := s.allow(ctx, actor, ActReadInventory); err != nil {
		return nil, err
	}
	today, _, err := clinicToday(ctx, s.fast(), s.now())
	if err != nil {
		return nil, err
	}
	kept := "i.active = 1"
	if otcOnly {
		kept += " AND i.over_the_counter = 1"
	}
	if strings.TrimSpace(query) == "" {
		return s.items(ctx, `SELECT `+itemColumns+` FROM inventory_items i WHERE `+kept+`
			ORDER BY i.name LIMIT ?2`, today, pageSize(limit))
	}
	match := inventoryFTSQuery(query)
	if match == "" {
		return nil, nil
	}
	return s.items(ctx, `SELECT `+itemColumns+` FROM inventory_fts f JOIN inventory_items i ON i.id = f.rowid
		WHERE inventory_fts MATCH ?2 AND `+kept+`
		ORDER BY i.current_stock > 0 DESC, f.rank, i.name LIMIT ?3`, today, match, pageSize(limit))
}

// inventoryFTSQuery turns typed text into an FTS5 query that cannot be malformed: the
// text is cut into words at everything that is not a letter or a digit (as the index's
// tokenizer cuts names), and each word becomes a quoted prefix term, all required.
func inventoryFTSQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = `"` + w + `"*`
	}
	return strings.Join(terms, " ")
}

// LowStock lists active items below their minimum stock, the emptiest (relative to
// their minimum) first.
func (s *Store) LowStock(ctx context.Context, actor Actor, limit int) ([]InventoryItem, error) {
	defer s.timed("LowStock")()
	if err := s.allow(ctx, actor, ActReadInventory); err != nil {
		return nil, err
	}
	today, _, err := clinicToday(ctx, s.readers, s.now())
	if err != nil {
		return nil, err
	}
	return s.items(ctx, `SELECT `+itemColumns+` FROM inventory_items i
		WHERE i.active = 1 AND i.current_stock < i.minimum_stock
		ORDER BY i.current_stock * 1.0 / i.minimum_stock, i.name LIMIT ?2`, today, pageSize(limit))
}

func (s *Store) items(ctx context.Context, query string, args ...any) ([]InventoryItem, error) {
	rows, err := s.fast().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []InventoryItem
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, translate(err)
		}
		out = append(out, it)
	}
	return out, translate(rows.Err())
}

// ExpiringWithin lists batches with stock left that expire within the next days days,
// including those already expired, soonest first.
func (s *Store) ExpiringWithin(ctx context.Context, actor Actor, days, limit int) ([]Batch, error) {
	defer s.timed("ExpiringWithin")()
	if err := s.allow(ctx, actor, ActReadInventory); err != nil {
		return nil, err
	}
	today, loc, err := clinicToday(ctx, s.readers, s.now())
	if err != nil {
		return nil, err
	}
	until := formatDate(s.now().In(loc).AddDate(0, 0, max(days, 0)))
	return s.batches(ctx, `SELECT `+batchColumns+` FROM inventory_batches b JOIN inventory_items i ON i.id = b.item_id
		WHERE b.quantity_left > 0 AND b.expires_on <= ?2 ORDER BY b.expires_on, i.name, b.id LIMIT ?3`,
		today, until, pageSize(limit))
}

// Batches lists an item's batches with stock left in first-expiry-first-out order:
// unexpired batches by expiry, then expired ones still waiting to be written off.
// Emptied batches stay visible in the ledger.
func (s *Store) Batches(ctx context.Context, actor Actor, itemID int64) ([]Batch, error) {
	defer s.timed("Batches")()
	if err := s.allow(ctx, actor, ActReadInventory); err != nil {
		return nil, err
	}
	today, _, err := clinicToday(ctx, s.readers, s.now())
	if err != nil {
		return nil, err
	}
	return s.batches(ctx, `SELECT `+batchColumns+` FROM inventory_batches b JOIN inventory_items i ON i.id = b.item_id
		WHERE b.item_id = ?2 AND b.quantity_left > 0
		ORDER BY b.expires_on < ?1, b.expires_on, b.id LIMIT 500`, today, itemID)
}

// BatchItem is the item a batch belongs to, so that a notice naming a batch opens its
// item.
func (s *Store) BatchItem(ctx context.Context, actor Actor, batchID int64) (int64, error) {
	if err := s.allow(ctx, actor, ActReadInventory); err != nil {
		return 0, err
	}
	var id int64
	err := s.readers.QueryRowContext(ctx, `SELECT item_id FROM inventory_batches WHERE id = ?`, batchID).Scan(&id)
	if err != nil {
		return 0, notFoundOr(err, "batch")
	}
	return id, nil
}

func (s *Store) batches(ctx context.Context, query string, args ...any) ([]Batch, error) {
	return queryBatches(ctx, s.readers, query, args...)
}

// queryBatches reads the batches a query selects (batchColumns), in its order.
func queryBatches(ctx context.Context, q querier, query string, args ...any) ([]Batch, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []Batch
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, translate(err)
		}
		out = append(out, b)
	}
	return out, translate(rows.Err())
}

// LedgerPlace is a movement's place in an item's ledger, which runs by the time each
// movement happened and, within one second, by the order they were recorded. Times
// can run against the order of recording (a demo's backdated deliveries, a clock set
// back), so the time decides. The zero place is after the newest movement.
type LedgerPlace struct {
	At time.Time
	ID int64
}

// Place is where the movement stands in its item's ledger: the next page starts there.
func (m StockMovement) Place() LedgerPlace { return LedgerPlace{At: m.CreatedAt, ID: m.ID} }

// Ledger returns one page of an item's stock movements, newest first (by time, then by
// the order recorded), each with the item's stock just after it in that order. before
// pages backwards: the zero place starts at the newest, and the next page starts
// before the last movement returned (its Place). The balances come from the same query
// (so the same snapshot) as the page: the current stock, less every movement after the
// row in the ledger's order.
func (s *Store) Ledger(ctx context.Context, actor Actor, itemID int64, before LedgerPlace, limit int) ([]StockMovement, error) {
	defer s.timed("Ledger")()
	if err := s.allow(ctx, actor, ActReadInventory); err != nil {
		return nil, err
	}
	at, id := "9999-12-31T23:59:59Z", int64(math.MaxInt64)
	if before != (LedgerPlace{}) {
		at, id = formatTime(before.At), before.ID
	}
	rows, err := s.fast().QueryContext(ctx, `WITH page AS (
		SELECT m.id, m.item_id, m.batch_id, b.batch_number, m.kind, m.quantity, m.reason, m.fulfillment_id,
		       m.actor_id, coalesce(u.full_name, '') AS actor_name, m.created_at
		  FROM stock_movements m
		  JOIN inventory_batches b ON b.id = m.batch_id
		  LEFT JOIN users u ON u.id = m.actor_id
		 WHERE m.item_id = ?1 AND (m.created_at, m.id) < (?2, ?3)
		 ORDER BY m.created_at DESC, m.id DESC LIMIT ?4)
		SELECT page.*,
		       (SELECT current_stock FROM inventory_items WHERE id = ?1)
		       - (SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE item_id = ?1 AND (created_at, id) >= (?2, ?3))
		       - coalesce(sum(quantity) OVER (ORDER BY created_at DESC, id DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
		  FROM page ORDER BY created_at DESC, id DESC`, itemID, at, id, pageSize(limit))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []StockMovement
	for rows.Next() {
		var m StockMovement
		var kind, created string
		var fulfillment, actorID sql.NullInt64
		if err := rows.Scan(&m.ID, &m.ItemID, &m.BatchID, &m.BatchNumber, &kind, &m.Quantity, &m.Reason,
			&fulfillment, &actorID, &m.ActorName, &created, &m.RunningBalance); err != nil {
			return nil, translate(err)
		}
		m.Kind, m.CreatedAt = MovementKind(kind), parseTime(created)
		m.FulfillmentID, m.ActorID = idOrZero(fulfillment), idOrZero(actorID)
		out = append(out, m)
	}
	return out, translate(rows.Err())
}

// StockHistory returns an item's stock at the end of each of the last days days (1 to
// 366) in the clinic's time zone, oldest first, for a chart: today's is the current
// stock, and each earlier day's is the next day's less that day's movements.
func (s *Store) StockHistory(ctx context.Context, actor Actor, itemID int64, days int) ([]DailyStock, error) {
	defer s.timed("StockHistory")()
	if err := s.allow(ctx, actor, ActReadInventory); err != nil {
		return nil, err
	}
	days = min(max(days, 1), 366)
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()
	_, loc, err := clinicToday(ctx, tx, s.now())
	if err != nil {
		return nil, err
	}
	local := s.now().In(loc)
	first := time.Date(local.Year(), local.Month(), local.Day()-days+1, 0, 0, 0, 0, loc)
	var stock int
	if err := tx.QueryRowContext(ctx, `SELECT current_stock FROM inventory_items WHERE id = ?`, itemID).Scan(&stock); err != nil {
		return nil, notFoundOr(err, "inventory item")
	}
	out := make([]DailyStock, days)
	for i := range out {
		out[i].Date = parseStoredDate(formatDate(first.AddDate(0, 0, i)))
	}
	rows, err := tx.QueryContext(ctx, `SELECT created_at, quantity FROM stock_movements
		WHERE item_id = ? AND created_at >= ?`, itemID, formatTime(first))
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var created string
		var qty int
		if err := rows.Scan(&created, &qty); err != nil {
			return nil, translate(err)
		}
		day := parseStoredDate(formatDate(parseTime(created).In(loc)))
		i := int(day.Sub(out[0].Date).Hours() / 24)
		if i < 0 || i >= days {
			continue
		}
		if qty > 0 {
			out[i].In += qty
		} else {
			out[i].Out -= qty
		}
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	for i := days - 1; i >= 0; i-- {
		out[i].Stock = stock
		stock -= out[i].In - out[i].Out
	}
	return out, nil
}
