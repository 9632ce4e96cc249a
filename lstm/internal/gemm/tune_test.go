//go:build linux

package gemm

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// minTime returns the fastest of 15 runs of f, each timed over enough calls
// to take ~2ms. With GEMM_CPUTIME set it measures the CPU time of the
// calling thread instead of wall time, which other processes on a busy
// machine disturb less; only for serial runs.
func minTime(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	now := time.Now
	if os.Getenv("GEMM_CPUTIME") != "" {
		now = threadTime
	}
	f()
	n := 1
	for {
		t := now()
		for range n {
			f()
		}
		if now().Sub(t) > 2*time.Millisecond {
			break
		}
		n *= 2
	}
	best := time.Hour
	for range 15 {
		t := now()
		for range n {
			f()
		}
		best = min(best, now().Sub(t)/time.Duration(n))
	}
	return best
}

// threadTime returns the CPU time of the calling thread as a time.Time.
func threadTime() time.Time {
	var ts syscall.Timespec
	const clockThreadCPUTimeID = 3
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Unix(int64(ts.Sec), int64(ts.Nsec)) // int32 fields on 32-bit systems
}

func TestTune(t *testing.T) {
	if os.Getenv("GEMM_TUNE") == "" {
		t.Skip("GEMM_TUNE not set")
	}
	for _, k := range kernels()[1:] {
		kc := 256
		a := make([]float64, k.mr*kc)
		b := make([]float64, k.nr*kc)
		c := make([]float64, k.mr*k.nr)
		d := minTime(func() { k.fn(kc, a, b, k.nr, c, k.nr, 1, 1) })
		fmt.Printf("kernel %s: %.1f GFLOP/s\n", k.name, 2*float64(k.mr*k.nr*kc)/d.Seconds()/1e9)
	}
	shapes := append([]struct {
		name           string
		transA, transB bool
		m, n, k        int
	}{
		{"rec/B=32,H=128", false, true, 32, 512, 128},
		{"rec/B=16,H=256", false, true, 16, 1024, 256},
		{"recNN/B=32,H=64", false, false, 32, 256, 64},
		{"recNN/B=64,H=128", false, false, 64, 512, 128},
		{"recNN/B=32,H=256", false, false, 32, 1024, 256},
		{"dWih1/B=64,T=96,H=128", true, false, 512, 1, 6144},
		{"xproj1/B=64,T=96,H=128", false, true, 6144, 512, 1},
	}, benchShapes...)
	k := activeKernel
	for _, kk := range kernels() {
		if kk.name == os.Getenv("GEMM_KERNEL") {
			k = kk
		}
	}
	if os.Getenv("GEMM_NOT") != "" { // without the transposed path
		kk := *k
		kk.fnT = nil
		k = &kk
	}
	if v := os.Getenv("GEMM_BLOCKS"); v != "" { // mc,kc,nc
		kk := *k
		if _, err := fmt.Sscanf(v, "%d,%d,%d", &kk.mc, &kk.kc, &kk.nc); err != nil {
			t.Fatal(err)
		}
		k = &kk
	}
	if v := os.Getenv("GEMM_DIRECTM"); v != "" {
		kk := *k
		if _, err := fmt.Sscanf(v, "%d", &kk.directM); err != nil {
			t.Fatal(err)
		}
		k = &kk
	}
	for _, s := range shapes {
		if f := os.Getenv("GEMM_SHAPES"); f != "" && !strings.Contains(s.name, f) {
			continue
		}
		rnd := rand.New(rand.NewPCG(1, 1))
		a, lda, b, ldb, c, ldc := operands(rnd, shape{s.transA, s.transB, s.m, s.n, s.k, 1, 1, 0})
		line := fmt.Sprintf("%-24s %s", s.name, k.name)
		for _, par := range []bool{false, os.Getenv("GEMM_PAR") != ""} {
			withKernel(k, par, func() {
				parallelMinWork = 1 << 22
				d := minTime(func() { Dgemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, b, ldb, 1, c, ldc) })
				line += fmt.Sprintf("  par=%-5t %6.1f GFLOP/s %8.1fµs", par, 2*float64(s.m*s.n*s.k)/d.Seconds()/1e9, d.Seconds()*1e6)
			})
		}
		fmt.Println(line)
	}
}
