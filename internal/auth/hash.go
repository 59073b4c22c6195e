package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"runtime"
	"sync"

	"golang.org/x/crypto/bcrypt"
)

// DefaultCost is the bcrypt cost used in production (2^12 rounds).
const DefaultCost = 12

// Hasher hashes and verifies passwords with bcrypt. The stored hashes are standard bcrypt
// strings ("$2a$12$…") of a pre-hashed password:
//
//	bcrypt(base64.StdEncoding(SHA-256(NFC(password))))
//
// The pre-hash is 44 ASCII bytes, under bcrypt's 72-byte limit, so every character of a
// long password counts instead of being silently cut off, and it never contains a NUL.
// Another implementation verifies our hashes by applying the same pre-hash.
//
// The zero value uses DefaultCost; tests set Cost to bcrypt.MinCost.
type Hasher struct {
	Cost int
}

func (h Hasher) cost() int {
	if h.Cost == 0 {
		return DefaultCost
	}
	return h.Cost
}

// prehash turns any password into the 44-byte bcrypt input described on Hasher.
func prehash(password string) []byte {
	sum := sha256.Sum256([]byte(NormalizePassword(password)))
	out := make([]byte, base64.StdEncoding.EncodedLen(len(sum)))
	base64.StdEncoding.Encode(out, sum[:])
	return out
}

// Hash returns the bcrypt hash to store for password. It does not apply the password
// policy; call CheckPassword first when the password is being chosen.
func (h Hasher) Hash(password string) (string, error) {
	c := h.cost()
	if c < bcrypt.MinCost || c > bcrypt.MaxCost {
		return "", fmt.Errorf("auth: bcrypt cost %d is outside %d..%d", c, bcrypt.MinCost, bcrypt.MaxCost)
	}
	var hash []byte
	var err error
	inSlot(func() { hash, err = bcrypt.GenerateFromPassword(prehash(password), c) })
	if err != nil {
		return "", fmt.Errorf("auth: hash password: %w", err)
	}
	return string(hash), nil
}

// Verify reports whether password matches the stored hash, and, when it does, whether the
// hash should be replaced by Hash(password) because its cost differs from the Hasher's.
// A malformed hash never matches.
func (h Hasher) Verify(hash, password string) (ok, needsRehash bool) {
	var err error
	inSlot(func() { err = compare([]byte(hash), prehash(password)) })
	if err != nil {
		return false, false
	}
	c, costErr := bcrypt.Cost([]byte(hash))
	return true, costErr != nil || c != h.cost()
}

// DummyVerify spends the time of a Verify against a hash of the Hasher's cost and matches
// nothing. Call it when the email is unknown (and for a locked or disabled account, where
// the real hash is not checked) so that response time does not tell which emails exist.
// The dummy hash is computed once per cost, on first use.
func (h Hasher) DummyVerify(password string) {
	dummy := dummyHash(h.cost())
	inSlot(func() { _ = compare(dummy, prehash(password)) })
}

// bcryptSlots bounds the bcrypt work running at once to every core but one. A
// verification at DefaultCost is about 250 ms of one core: fifty SSH desks logging in
// together took every core for seconds, and the keys of the desks already open waited
// as long. The logins queue for a slot instead, and the open desks keep a core.
var bcryptSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))

// Slots is how much bcrypt work runs at once: the password checks a server should let
// run together, the others waiting their turn.
func Slots() int { return cap(bcryptSlots) }

// compare is bcrypt's comparison; a test replaces it to hold verifications in their slots.
var compare = realCompare

// realCompare is bcrypt's own comparison.
var realCompare = bcrypt.CompareHashAndPassword

// inSlot runs f, bcrypt work, once a slot is free.
func inSlot(f func()) {
	bcryptSlots <- struct{}{}
	defer func() { <-bcryptSlots }()
	f()
}

// dummyHashes maps a bcrypt cost to a func() []byte that computes its dummy hash once.
var dummyHashes sync.Map

func dummyHash(cost int) []byte {
	f, ok := dummyHashes.Load(cost)
	if !ok {
		f, _ = dummyHashes.LoadOrStore(cost, sync.OnceValue(func() []byte {
			// A random secret nobody knows, so the dummy hash can never match.
			secret := make([]byte, 32)
			_, _ = rand.Read(secret)
			hash, err := bcrypt.GenerateFromPassword(
				[]byte(base64.StdEncoding.EncodeToString(secret)), cost)
			if err != nil {
				// Only an invalid cost gets here; fall back so timing stays plausible.
				hash, _ = bcrypt.GenerateFromPassword(secret, DefaultCost)
			}
			return hash
		}))
	}
	return f.(func() []byte)()
}
