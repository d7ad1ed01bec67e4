// Command check renders the fwbench kustomize base (deploy/kubernetes/base) with the kustomize
// library, as `kubectl kustomize` does, and checks every rendered object offline, without a
// cluster or downloaded schemas: strict decoding into the Kubernetes API's own Go types
// (k8s.io/api: an unknown or misspelled field is an error, a wrong type too), then the rules a
// schema cannot see: selectors that select their pods, Services that select a Deployment,
// references to ConfigMaps, Secrets and claims that exist, the injectors' Job Indexed with
// completions = parallelism = the run's SHARDS, images set, non-root pods.
//
//	cd deploy/kubernetes/check && go run . ../base
package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

type rendered struct {
	deployments []appsv1.Deployment
	services    []corev1.Service
	jobs        []batchv1.Job
	configMaps  map[string]corev1.ConfigMap
	secrets     map[string]bool
	claims      map[string]bool
}

func main() {
	dir := "../base"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	problems, summary, err := check(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(2)
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "invalid:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
	fmt.Println("deploy/kubernetes: rendered and valid:", summary)
}

func check(dir string) ([]string, string, error) {
	resMap, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, "", fmt.Errorf("kustomize build %s: %w", dir, err)
	}
	r := rendered{configMaps: map[string]corev1.ConfigMap{}, secrets: map[string]bool{}, claims: map[string]bool{}}
	var problems []string
	kinds := map[string]int{}
	for _, res := range resMap.Resources() {
		doc, err := res.AsYAML()
		if err != nil {
			return nil, "", err
		}
		kind := res.GetKind()
		kinds[kind]++
		where := kind + "/" + res.GetName()
		var decodeErr error
		switch kind {
		case "Deployment":
			var d appsv1.Deployment
			decodeErr = strict(doc, &d)
			r.deployments = append(r.deployments, d)
		case "Service":
			var s corev1.Service
			decodeErr = strict(doc, &s)
			r.services = append(r.services, s)
		case "Job":
			var j batchv1.Job
			decodeErr = strict(doc, &j)
			r.jobs = append(r.jobs, j)
		case "ConfigMap":
			var c corev1.ConfigMap
			decodeErr = strict(doc, &c)
			r.configMaps[c.Name] = c
		case "Secret":
			var s corev1.Secret
			decodeErr = strict(doc, &s)
			r.secrets[s.Name] = true
		case "PersistentVolumeClaim":
			var c corev1.PersistentVolumeClaim
			decodeErr = strict(doc, &c)
			r.claims[c.Name] = true
			if len(c.Spec.AccessModes) == 0 || c.Spec.Resources.Requests.Storage().IsZero() {
				problems = append(problems, where+": no access mode or no storage request")
			}
		default:
			problems = append(problems, where+": a kind this base does not use")
		}
		if decodeErr != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", where, decodeErr))
		}
	}
	problems = append(problems, r.rules()...)
	var parts []string
	for _, k := range []string{"Deployment", "Service", "Job", "ConfigMap", "Secret", "PersistentVolumeClaim"} {
		parts = append(parts, fmt.Sprintf("%d %s", kinds[k], k))
	}
	return problems, strings.Join(parts, ", "), nil
}

// strict decodes one object into its API type, refusing unknown fields (sigs.k8s.io/yaml turns
// YAML into JSON and decodes it with DisallowUnknownFields).
func strict(doc []byte, into interface{}) error {
	return yaml.UnmarshalStrict(bytes.TrimSpace(doc), into)
}

func (r rendered) rules() []string {
	var p []string
	for _, d := range r.deployments {
		where := "Deployment/" + d.Name
		if d.Spec.Selector == nil || !subset(d.Spec.Selector.MatchLabels, d.Spec.Template.Labels) {
			p = append(p, where+": its selector does not select its own pods")
		}
		p = append(p, r.pod(where, d.Spec.Template.Spec)...)
	}
	for _, s := range r.services {
		found := false
		for _, d := range r.deployments {
			if len(s.Spec.Selector) > 0 && subset(s.Spec.Selector, d.Spec.Template.Labels) {
				found = true
				for _, port := range s.Spec.Ports {
					if port.TargetPort.StrVal != "" && !hasPort(d.Spec.Template.Spec, port.TargetPort.StrVal) {
						p = append(p, fmt.Sprintf("Service/%s: targetPort %q is no port of Deployment/%s", s.Name,
							port.TargetPort.StrVal, d.Name))
					}
				}
			}
		}
		if !found {
			p = append(p, "Service/"+s.Name+": selects no Deployment's pods")
		}
	}
	indexed := 0
	for _, j := range r.jobs {
		where := "Job/" + j.Name
		if rp := j.Spec.Template.Spec.RestartPolicy; rp != corev1.RestartPolicyNever && rp != corev1.RestartPolicyOnFailure {
			p = append(p, where+": a Job's pods restart Never or OnFailure")
		}
		if j.Spec.CompletionMode != nil && *j.Spec.CompletionMode == batchv1.IndexedCompletion {
			indexed++
			run, ok := r.runSettings(j)
			shards := run.Data["SHARDS"]
			if !ok || j.Spec.Completions == nil || j.Spec.Parallelism == nil ||
				fmt.Sprint(*j.Spec.Completions) != shards || fmt.Sprint(*j.Spec.Parallelism) != shards {
				p = append(p, fmt.Sprintf("%s: completions and parallelism must both equal fwbench-run's SHARDS (%q)", where, shards))
			}
			if !strings.Contains(strings.Join(j.Spec.Template.Spec.Containers[0].Args, " "), "JOB_COMPLETION_INDEX") {
				p = append(p, where+": the shard index must come from JOB_COMPLETION_INDEX")
			}
		}
		p = append(p, r.pod(where, j.Spec.Template.Spec)...)
	}
	if indexed != 1 {
		p = append(p, fmt.Sprintf("%d Indexed Jobs: the injectors are one", indexed))
	}
	for _, j := range r.jobs {
		run, _ := r.runSettings(j)
		for _, key := range []string{"SHARDS", "START_AT", "TARGET_URL", "CLOCK_URL", "RATE", "DURATION", "RUN_NAME"} {
			if run.Data[key] == "" {
				p = append(p, "Job/"+j.Name+": its run settings (ConfigMap fwbench-run) have no "+key)
			}
		}
	}
	return p
}

// runSettings is the ConfigMap a Job's first container reads its run from (fwbench-run, under the
// name kustomize gave it: fwbench-run-<hash>).
func (r rendered) runSettings(j batchv1.Job) (corev1.ConfigMap, bool) {
	for _, e := range j.Spec.Template.Spec.Containers[0].EnvFrom {
		if e.ConfigMapRef != nil && strings.HasPrefix(e.ConfigMapRef.Name, "fwbench-run") {
			c, ok := r.configMaps[e.ConfigMapRef.Name]
			return c, ok
		}
	}
	return corev1.ConfigMap{}, false
}

// pod checks what every pod template needs: images, and references to objects that exist.
func (r rendered) pod(where string, spec corev1.PodSpec) []string {
	var p []string
	all := append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...)
	if len(spec.Containers) == 0 {
		p = append(p, where+": no container")
	}
	for _, c := range all {
		if c.Image == "" {
			p = append(p, where+"/"+c.Name+": no image")
		}
		for _, e := range c.EnvFrom {
			if e.ConfigMapRef != nil && !r.hasConfigMap(e.ConfigMapRef.Name) {
				p = append(p, where+": envFrom a missing ConfigMap "+e.ConfigMapRef.Name)
			}
		}
		for _, e := range c.Env {
			if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil && !r.secrets[e.ValueFrom.SecretKeyRef.Name] {
				p = append(p, where+": env from a missing Secret "+e.ValueFrom.SecretKeyRef.Name)
			}
		}
	}
	for _, v := range spec.Volumes {
		if v.ConfigMap != nil && !r.hasConfigMap(v.ConfigMap.Name) {
			p = append(p, where+": volume of a missing ConfigMap "+v.ConfigMap.Name)
		}
		if v.PersistentVolumeClaim != nil && !r.claims[v.PersistentVolumeClaim.ClaimName] {
			p = append(p, where+": volume of a missing claim "+v.PersistentVolumeClaim.ClaimName)
		}
	}
	return p
}

func (r rendered) hasConfigMap(name string) bool {
	_, ok := r.configMaps[name]
	return ok
}

func hasPort(spec corev1.PodSpec, name string) bool {
	for _, c := range spec.Containers {
		for _, port := range c.Ports {
			if port.Name == name {
				return true
			}
		}
	}
	return false
}

func subset(want, have map[string]string) bool {
	if len(want) == 0 {
		return false
	}
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}
