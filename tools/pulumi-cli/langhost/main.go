// Command langhost is the project's small Pulumi language host, one binary installed under one
// name per language: pulumi-language-python, pulumi-language-nodejs and pulumi-language-go. The
// name it is started under picks the runtime.
//
// Why it exists: the Go module proxy we can reach serves the Pulumi CLI (pkg/v3) but not the
// untagged modules of Pulumi's own language hosts. The engine needs a language host to run
// project directories (`pulumi up` in examples/) and, since 3.221, Python policy packs. Each
// runtime does the jobs we need with the language SDK's own runner and the engine's gRPC
// contract; what they share (serving, the engine's address, config encoding, child processes,
// exit codes) lives here.
//
// Dependency installation and `pulumi new` templating are left unimplemented: the project installs
// each program's dependencies itself (the Makefile and the tests).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "3.259.0"

// userActionableExit is the runners' exit code for "an error was already shown to the user".
const userActionableExit = 32

// runtimes maps the name the binary runs under to its runtime's constructor; each runtime's file
// registers itself. dir is the folder of the running binary, engine the engine's address.
var runtimes = map[string]func(dir, engine string) (pulumirpc.LanguageRuntimeServer, error){}

// base holds what every runtime answers the same way.
type base struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func main() {
	name := filepath.Base(os.Args[0])
	newRuntime, ok := runtimes[name]
	if !ok {
		known := make([]string, 0, len(runtimes))
		for k := range runtimes {
			known = append(known, k)
		}
		sort.Strings(known)
		fatalf(name, "started as %q; install this binary as one of %s", name, strings.Join(known, ", "))
	}
	engine := ""
	// The engine passes flags first and its own address as the last positional argument.
	for _, a := range os.Args[1:] {
		if !strings.HasPrefix(a, "-") {
			engine = a
		}
	}
	self, err := os.Executable()
	if err != nil {
		fatalf(name, "cannot locate own executable: %v", err)
	}
	h, err := newRuntime(filepath.Dir(self), engine)
	if err != nil {
		fatalf(name, "%v", err)
	}
	dieWithChildren()
	cancel := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, h)
			return nil
		},
		Cancel: cancel,
	})
	if err != nil {
		fatalf(name, "could not start language host RPC server: %v", err)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	err = <-handle.Done
	killChildren()
	if err != nil {
		fatalf(name, "language host RPC stopped serving: %v", err)
	}
}

func fatalf(name, format string, a ...any) {
	fmt.Fprintf(os.Stderr, name+": "+format+"\n", a...)
	os.Exit(1)
}

func (h *base) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetRequiredPlugins reports none: the engine finds the providers a program registers when it
// registers them (PATH, plugins.providers), and dynamic providers run in the engine's built-in
// pulumi-python resource plugin, which the build puts next to the CLI.
func (h *base) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *base) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *base) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *base) InstallDependencies(
	*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	return nil
}

func (h *base) GetProgramDependencies(
	context.Context, *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// configEnv encodes the stack's config and secret keys for PULUMI_CONFIG and
// PULUMI_CONFIG_SECRET_KEYS. A stack without config arrives as nil, which would encode as `null`;
// the Python SDK's set_all_config then fails (`'NoneType' object has no attribute 'items'`), so
// nil encodes as `{}` and `[]`.
func configEnv(config map[string]string, secretKeys []string) ([]string, error) {
	if config == nil {
		config = map[string]string{}
	}
	if secretKeys == nil {
		secretKeys = []string{}
	}
	c, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("encoding config: %w", err)
	}
	k, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("encoding secret config keys: %w", err)
	}
	return []string{"PULUMI_CONFIG=" + string(c), "PULUMI_CONFIG_SECRET_KEYS=" + string(k)}, nil
}

// runProgram runs a program's process to its end, in a process group that dies with the host,
// with the host's stdout and stderr, and turns its exit into the engine's answer: 32 means the
// runner already showed the error (bail), other codes are reported; what says "could not start"
// names the language.
func runProgram(cmd *exec.Cmd, language string) *pulumirpc.RunResponse {
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	err := runOwned(cmd)
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if exitErr.ExitCode() == userActionableExit {
			return &pulumirpc.RunResponse{Bail: true}
		}
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
		}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start the %s program: %v", language, err)}
}

// runOwned runs cmd to its end in a process group of its own that dies with the host.
func runOwned(cmd *exec.Cmd) error {
	own(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	defer track(cmd)()
	return cmd.Wait()
}
