//go:build !linux

package store_test

import "time"

// opCost and costMeter measure an op's thread only on Linux; elsewhere the ten slowest
// are printed with their wall time alone.
type opCost struct {
	i                  int
	cpu                time.Duration
	waits, preempts    int64
	blocksIn, blocksOu int64
	gcs                uint64
}

type costMeter struct{}

type costMark struct{}

func newCostMeter() *costMeter { return &costMeter{} }

func (m *costMeter) stop() {}

func (m *costMeter) mark() costMark { return costMark{} }

func (m *costMeter) since(i int, _ costMark) opCost { return opCost{i: i} }
