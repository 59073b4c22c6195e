package auth

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

var fast = Hasher{Cost: bcrypt.MinCost}

func mustHash(t *testing.T, h Hasher, password string) string {
	t.Helper()
	hash, err := h.Hash(password)
	if err != nil {
		t.Fatal(err)
	}
	return hash
}

func TestHashRoundTrip(t *testing.T) {
	t.Parallel()
	hash := mustHash(t, fast, "Lantern orbit 7 plum harbor")
	if !strings.HasPrefix(hash, "$2a$04$") {
		t.Errorf("hash %q is not a standard bcrypt string of cost 4", hash)
	}
	if ok, rehash := fast.Verify(hash, "Lantern orbit 7 plum harbor"); !ok || rehash {
		t.Errorf("Verify(right) = %v, %v; want true, false", ok, rehash)
	}
	if ok, _ := fast.Verify(hash, "lantern orbit 7 plum harbor"); ok {
		t.Error("Verify accepted a password differing in case")
	}
	if other := mustHash(t, fast, "Lantern orbit 7 plum harbor"); other == hash {
		t.Error("two hashes of one password are equal: no salt")
	}
}

func TestHashBeyond72Bytes(t *testing.T) {
	t.Parallel()
	prefix := strings.Repeat("x", 72)
	a, b := prefix+"A", prefix+"B"
	hash := mustHash(t, fast, a)
	if ok, _ := fast.Verify(hash, b); ok {
		t.Error("passwords differing after byte 72 verify against each other")
	}
	if ok, _ := fast.Verify(hash, a); !ok {
		t.Error("long password does not verify")
	}
	// 128 four-byte code points: 512 bytes, still fully counted.
	long := strings.Repeat("🦷", 127)
	hash = mustHash(t, fast, long+"🩺")
	if ok, _ := fast.Verify(hash, long+"🦷"); ok {
		t.Error("long emoji passwords differing in the last character verify")
	}
}

func TestHashNormalizesNFC(t *testing.T) {
	t.Parallel()
	hash := mustHash(t, fast, "cafe\u0301 au lait, s'il vous plaît")
	if ok, _ := fast.Verify(hash, "caf\u00e9 au lait, s'il vous plaît"); !ok {
		t.Error("NFD and NFC spellings of one password do not verify")
	}
}

func TestNeedsRehash(t *testing.T) {
	t.Parallel()
	hash := mustHash(t, fast, "Lantern orbit 7 plum harbor")
	if c, err := bcrypt.Cost([]byte(hash)); err != nil || c != bcrypt.MinCost {
		t.Fatalf("bcrypt.Cost = %d, %v; want %d", c, err, bcrypt.MinCost)
	}
	stronger := Hasher{Cost: bcrypt.MinCost + 1}
	if ok, rehash := stronger.Verify(hash, "Lantern orbit 7 plum harbor"); !ok || !rehash {
		t.Errorf("Verify at a new cost = %v, %v; want true, true", ok, rehash)
	}
	if ok, rehash := stronger.Verify(hash, "wrong password entirely"); ok || rehash {
		t.Errorf("Verify(wrong) = %v, %v; want false, false", ok, rehash)
	}
}

func TestCost(t *testing.T) {
	t.Parallel()
	if c := (Hasher{}).cost(); c != DefaultCost || DefaultCost != 12 {
		t.Errorf("zero Hasher cost = %d, want 12", c)
	}
	for _, c := range []int{1, bcrypt.MinCost - 1, bcrypt.MaxCost + 1} {
		if _, err := (Hasher{Cost: c}).Hash("Lantern orbit 7 plum harbor"); err == nil {
			t.Errorf("Hash at cost %d succeeded", c)
		}
	}
}

func TestVerifyMalformedHash(t *testing.T) {
	t.Parallel()
	for _, hash := range []string{"", "not a hash", "$2a$04$short"} {
		if ok, rehash := fast.Verify(hash, "anything at all here"); ok || rehash {
			t.Errorf("Verify(%q) = %v, %v", hash, ok, rehash)
		}
	}
}

func TestDummyVerify(t *testing.T) {
	t.Parallel()
	fast.DummyVerify("any password at all")
	d := dummyHash(bcrypt.MinCost)
	if c, err := bcrypt.Cost(d); err != nil || c != bcrypt.MinCost {
		t.Errorf("dummy hash cost = %d, %v; want %d", c, err, bcrypt.MinCost)
	}
	if again := dummyHash(bcrypt.MinCost); string(again) != string(d) {
		t.Error("dummy hash recomputed instead of kept")
	}
}
