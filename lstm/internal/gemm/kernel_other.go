//go:build !amd64 || purego

package gemm

// kernels lists the kernels this CPU can run, slowest first.
func kernels() []*kernel { return []*kernel{goKernel} }

// skernels lists the float32 kernels this CPU can run, slowest first.
func skernels() []*skernel { return []*skernel{goSKernel} }
