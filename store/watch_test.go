package store

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func TestWatchPublishesCommitsOfAnotherStoreOnTheFile(t *testing.T) {
	t.Parallel()
	a := newTestStore(t)
	b, err := Open(context.Background(), a.Path(), WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	events, unsubscribe := a.Subscribe()
	defer unsubscribe()

	// A's own write is announced table by table, and is not "outside this process".
	mustUser(t, a, RoleAdmin, "ana@clinic.test", "Ana Admin")
	if changed, err := a.watch.poll(context.Background()); err != nil || changed {
		t.Fatalf("own commit seen as another process's: changed %v, err %v", changed, err)
	}

	start := time.Now()
	mustUser(t, b, RoleReceptionist, "rita@clinic.test", "Rita Desk")
	timeout := time.After(20 * time.Second) // ends a test that hangs; the speed is not asserted
	for {
		select {
		case batch := <-events:
			for _, e := range batch {
				if e.Table == TableAny {
					t.Logf("seen after %s", time.Since(start))
					return
				}
			}
		case <-timeout:
			t.Fatal("another store's commit was never announced")
		}
	}
}

func TestCloseStopsTheWatcher(t *testing.T) {
	t.Parallel()
	s := newTestStore(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.watch.done:
	default:
		t.Fatal("the watcher still runs after Close")
	}
}

// AccountsVersion moves with a change of an account made here, and with any commit of
// another process (which may have changed one), not with a change of something else.
func TestAccountsVersionMovesWithAccountChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := newTestStore(t)
	admin := mustUser(t, a, RoleAdmin, "ana@clinic.test", "Ana Admin")
	v := a.AccountsVersion()
	if err := a.PutSetting(ctx, admin.Actor(), "clinic_name", "Elm Clinic"); err != nil {
		t.Fatal(err)
	}
	if a.AccountsVersion() != v {
		t.Fatal("a change of the settings moved the accounts' version")
	}
	mustUser(t, a, RoleReceptionist, "rita@clinic.test", "Rita Desk")
	if a.AccountsVersion() == v {
		t.Fatal("a new account left the accounts' version where it was")
	}
	v = a.AccountsVersion()
	b, err := Open(ctx, a.Path(), WithBcryptCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	events, unsubscribe := a.Subscribe()
	defer unsubscribe()
	if err := b.PutSetting(ctx, admin.Actor(), "clinic_name", "Oak Clinic"); err != nil {
		t.Fatal(err)
	}
	timeout := time.After(20 * time.Second) // ends a test that hangs; the speed is not asserted
	for {
		select {
		case batch := <-events:
			if Touches(batch, TopicAny) && batch[0].Table == TableAny {
				if a.AccountsVersion() == v {
					t.Fatal("another process's commit left the accounts' version where it was")
				}
				return
			}
		case <-timeout:
			t.Fatal("another store's commit was never announced")
		}
	}
}
