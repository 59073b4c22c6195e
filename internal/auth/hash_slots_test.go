package auth

import (
	"sync"
	"testing"
)

// While as many verifications run as there are slots, no other bcrypt work can start:
// the slots are all taken. (Not parallel: it replaces compare.)
func TestVerificationsTakeEverySlotAndNoMore(t *testing.T) {
	hash := mustHash(t, fast, "correct horse battery staple")
	entered, release := make(chan struct{}), make(chan struct{})
	compare = func(hash, password []byte) error {
		entered <- struct{}{}
		<-release
		return nil
	}
	defer func() { compare = realCompare }()
	slots := cap(bcryptSlots)
	var wg sync.WaitGroup
	for range slots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, _ := fast.Verify(hash, "correct horse battery staple"); !ok {
				t.Error("a verification held in its slot failed")
			}
		}()
	}
	for range slots {
		<-entered
	}
	select {
	case bcryptSlots <- struct{}{}:
		<-bcryptSlots
		t.Errorf("a slot was free while %d verifications ran", slots)
	default:
	}
	close(release)
	wg.Wait()
	if len(bcryptSlots) != 0 {
		t.Errorf("%d slots still taken after every verification ended", len(bcryptSlots))
	}
}
