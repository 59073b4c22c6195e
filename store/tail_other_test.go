//go:build !linux

package store_test

// costMeter measures an op's thread only on Linux; elsewhere the ten slowest are
// printed with their wall time alone.
type costMeter struct{}

type costMark struct{}

func newCostMeter() *costMeter { return &costMeter{} }

func (m *costMeter) stop() {}

func (m *costMeter) mark() costMark { return costMark{} }

func (m *costMeter) since(i int, _ costMark) opCost { return opCost{i: i} }
