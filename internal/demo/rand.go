package demo

import (
	"math/rand/v2"
	"time"
)

// Reference is the moment New generates for: a Monday morning, so that tests and examples
// see the same clinic forever. The demo command uses NewAt with the real time instead.
var Reference = time.Date(2025, time.March, 3, 10, 30, 0, 0, time.UTC)

// pcgStream is the second PCG seed word: fixed, so that only the seed varies.
const pcgStream = 0x9e3779b97f4a7c15

// Rand is the demo's deterministic source of choices and its reference moment.
//
// It offers only integer draws and a Normal built from them (never the standard library's
// float helpers, whose results may differ in the last bit between processors), so a seed
// gives the same clinic on every machine. Like math/rand's, it is not safe for concurrent
// use.
type Rand struct {
	src  *rand.Rand
	now  time.Time
	home int // index into cities: where the clinic is
}

// New returns a generator for seed at the Reference moment.
func New(seed int64) *Rand { return NewAt(seed, Reference) }

// NewAt returns a generator for seed whose "now" is now: dates of birth, expiry dates and
// appointments are placed relative to it, in now's location (the clinic's time zone).
func NewAt(seed int64, now time.Time) *Rand {
	r := &Rand{src: rand.New(rand.NewPCG(uint64(seed), pcgStream)), now: now}
	r.home = r.IntN(len(cities))
	return r
}

// Now is the generator's reference moment.
func (r *Rand) Now() time.Time { return r.now }

// Today is midnight at the start of Now's day, in Now's location.
func (r *Rand) Today() time.Time { return midnight(r.now) }

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// IntN returns a number in [0, n); n must be positive.
func (r *Rand) IntN(n int) int { return r.src.IntN(n) }

// Between returns a number in [lo, hi], both included.
func (r *Rand) Between(lo, hi int) int { return lo + r.src.IntN(hi-lo+1) }

// Chance reports true perMille times in a thousand.
func (r *Rand) Chance(perMille int) bool { return r.src.IntN(1000) < perMille }

// Shuffle shuffles n elements with swap.
func (r *Rand) Shuffle(n int, swap func(i, j int)) { r.src.Shuffle(n, swap) }

// Normal returns a normally distributed value with the given mean and standard deviation,
// bounded to mean ± 6 sd. It sums twelve integer uniforms (Irwin–Hall), which is exact in
// float64, so the result is the same on every processor.
func (r *Rand) Normal(mean, sd float64) float64 {
	var sum int64
	for range 12 {
		sum += r.src.Int64N(1 << 24)
	}
	z := float64(sum)/(1<<24) - 6
	return mean + float64(sd*z) // the conversion forbids a fused multiply-add
}

// Pick returns one element of xs, which must not be empty.
func Pick[T any](r *Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// Weighted returns an index into weights, chosen in proportion to the weights.
func Weighted(r *Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
