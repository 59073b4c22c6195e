package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

// testSSHKey returns a fresh authorized_keys line and its fingerprint.
func testSSHKey(t *testing.T, comment string) (string, string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sp))) + " " + comment
	return line, ssh.FingerprintSHA256(sp)
}

func TestSSHKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	admin := mustUser(t, s, RoleAdmin, "admin@example.com", "Ada Admin")
	doc := mustUser(t, s, RoleDoctor, "doc@example.com", "Dev Doctor")
	line, fp := testSSHKey(t, "dev@laptop")

	if _, err := s.AddSSHKey(ctx, doc.Actor(), doc.ID, line); !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor adding a key: got %v, want ErrForbidden", err)
	}
	k, err := s.AddSSHKey(ctx, admin.Actor(), doc.ID, line)
	if err != nil {
		t.Fatal(err)
	}
	if k.Fingerprint != fp || k.Comment != "dev@laptop" || k.UserID != doc.ID || strings.Contains(k.PublicKey, "laptop") {
		t.Fatalf("stored key %+v, want fingerprint %s", k, fp)
	}
	if _, err := s.AddSSHKey(ctx, admin.Actor(), admin.ID, line); !errors.Is(err, ErrInvalid) {
		t.Fatalf("same key twice: got %v, want ErrInvalid", err)
	}
	if _, err := s.AddSSHKey(ctx, admin.Actor(), doc.ID, "ssh-ed25519 notakey"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("garbage key: got %v, want ErrInvalid", err)
	}
	if _, err := s.AddSSHKey(ctx, admin.Actor(), 999, line); !errors.Is(err, ErrNotFound) {
		t.Fatalf("key for no user: got %v, want ErrNotFound", err)
	}
	u, err := s.UserBySSHKey(ctx, fp)
	if err != nil || u.ID != doc.ID {
		t.Fatalf("UserBySSHKey = %+v, %v; want the doctor", u, err)
	}
	own, err := s.SSHKeys(ctx, doc.Actor(), doc.ID)
	if err != nil || len(own) != 1 {
		t.Fatalf("doctor's own keys = %v, %v", own, err)
	}
	if _, err := s.SSHKeys(ctx, doc.Actor(), admin.ID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("doctor listing the admin's keys: got %v", err)
	}
	if err := s.SetUserActive(ctx, admin.Actor(), doc.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserBySSHKey(ctx, fp); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deactivated user's key: got %v, want ErrNotFound", err)
	}
	if err := s.SetUserActive(ctx, admin.Actor(), doc.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveSSHKey(ctx, admin.Actor(), k.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UserBySSHKey(ctx, fp); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removed key: got %v, want ErrNotFound", err)
	}
	if err := s.RemoveSSHKey(ctx, admin.Actor(), k.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removing twice: got %v", err)
	}
}
