package store

// LineTotal is what quantity units of the item cost at its current price: what Dispense
// writes as a fulfilment item's total (the schema checks line_total_cents = quantity ×
// unit_price_cents), so the counter shows the amount the bill will hold.
func (i InventoryItem) LineTotal(quantity int) int64 { return int64(quantity) * i.UnitPriceCents }

// Due is what the bill still owes.
func (f Fulfilment) Due() int64 {
	if f.PaymentStatus != "unpaid" {
		return 0
	}
	return f.TotalCents - f.AmountPaidCents - f.WaivedCents
}

// DueAfter is what the bill will owe once a dispense costing addCents joins it: the new
// lines, and the rest of a bill still unpaid. A bill not yet started (ID 0) is unpaid
// and empty.
func (f Fulfilment) DueAfter(addCents int64) int64 {
	if f.ID == 0 {
		return addCents
	}
	return addCents + f.Due()
}
