package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"time"
)

// holdEnv names the environment variable that makes sshload a holder of idle sessions
// (see hold) instead of the load test.
const holdEnv = "SSHLOAD_HOLD"

// holdSpec is what a holder is asked to open.
type holdSpec struct {
	Addr   string
	Users  []string
	Marker string
}

// idle is what an idle session costs the server, measured in this process, which
// serves, while another process holds the sessions: its client side (the SSH client's
// buffers, the reader's) is not counted, for the desk and the floor alike.
type idle struct {
	heap, stack float64 // bytes per session: live heap after GC, goroutine stacks
	goroutines  float64 // per session
}

func (c idle) String() string {
	return fmt.Sprintf("heap %.3f MB + stacks %.3f MB = %.3f MB, %.1f goroutines", c.heap/(1<<20), c.stack/(1<<20),
		(c.heap+c.stack)/(1<<20), c.goroutines)
}

// idleCost opens a session as each user from another process (this binary as a
// holder), waits until each has drawn its first screen and gone quiet, and returns what
// they added to this process, per session. A heap profile is written with them open
// when one was asked for.
func idleCost(ctx context.Context, addr string, users []string, marker, profile string) (idle, error) {
	spec, err := json.Marshal(holdSpec{Addr: addr, Users: users, Marker: marker})
	if err != nil {
		return idle{}, err
	}
	self, err := os.Executable()
	if err != nil {
		return idle{}, err
	}
	baseG := settledGoroutines()
	baseHeap, baseStack := memory()
	cmd := exec.CommandContext(ctx, self)
	cmd.Env = append(os.Environ(), holdEnv+"="+string(spec))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return idle{}, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return idle{}, err
	}
	if err := cmd.Start(); err != nil {
		return idle{}, err
	}
	defer func() {
		stdin.Close() // the holder closes its sessions and exits
		cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		return idle{}, fmt.Errorf("the holder of idle sessions failed (%q, %v)", line, err)
	}
	g := settledGoroutines()
	heap, stack := memory()
	if profile != "" {
		writeProfile("heap", profile)
		writeProfile("goroutine", profile+".goroutines")
	}
	n := float64(len(users))
	return idle{heap: float64(heap-baseHeap) / n, stack: float64(stack-baseStack) / n, goroutines: float64(g-baseG) / n}, nil
}

// memory is the live heap after garbage collection, and the goroutines' stacks.
func memory() (heap, stack uint64) {
	var m runtime.MemStats
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(50 * time.Millisecond)
	}
	runtime.ReadMemStats(&m)
	return m.HeapAlloc, m.StackInuse
}

// hold is the holder's side of idleCost: it opens the sessions the spec names one after
// another, each settled (its first screen drawn, then quiet), says "ready", and closes
// them when its input ends.
func hold(spec string) error {
	var h holdSpec
	if err := json.Unmarshal([]byte(spec), &h); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var clients []*client
	defer func() {
		for _, c := range clients {
			c.close()
		}
	}()
	for _, u := range h.Users {
		c, err := connect(h.Addr, u, h.Marker)
		if err != nil {
			return err
		}
		clients = append(clients, c)
		if err := c.settle(ctx); err != nil {
			return err
		}
	}
	fmt.Println("ready")
	_, err := io.Copy(io.Discard, os.Stdin)
	return err
}
