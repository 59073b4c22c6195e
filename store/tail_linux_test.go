package store_test

import (
	"runtime"
	"runtime/metrics"
	"syscall"
	"time"
	"unsafe"
)

// costMeter reads the thread's counters around each op; the timed goroutine is locked
// to its thread, so the thread's counters are the op's.
type costMeter struct {
	gc [1]metrics.Sample
}

const rusageThread = 1 // RUSAGE_THREAD

func newCostMeter() *costMeter {
	runtime.LockOSThread()
	m := &costMeter{}
	m.gc[0].Name = "/gc/cycles/total:gc-cycles"
	return m
}

func (m *costMeter) stop() { runtime.UnlockOSThread() }

type costMark struct {
	ru  syscall.Rusage
	cpu time.Duration
	gc  uint64
}

// threadCPU is the thread's CPU time to the nanosecond (CLOCK_THREAD_CPUTIME_ID);
// getrusage's is counted in scheduler ticks.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

func (m *costMeter) mark() costMark {
	var c costMark
	_ = syscall.Getrusage(rusageThread, &c.ru)
	c.cpu = threadCPU()
	metrics.Read(m.gc[:])
	c.gc = m.gc[0].Value.Uint64()
	return c
}

func (m *costMeter) since(i int, from costMark) opCost {
	to := m.mark()
	return opCost{i: i,
		cpu:      to.cpu - from.cpu,
		waits:    to.ru.Nvcsw - from.ru.Nvcsw,
		preempts: to.ru.Nivcsw - from.ru.Nivcsw,
		blocksIn: to.ru.Inblock - from.ru.Inblock,
		blocksOu: to.ru.Oublock - from.ru.Oublock,
		faults:   to.ru.Minflt - from.ru.Minflt,
		gcs:      to.gc - from.gc,
	}
}
