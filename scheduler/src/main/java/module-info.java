/**
 * The scheduler extender and admission webhook. The hami command and the demo need its daemon, configuration,
 * certificates and device types. The benchmarks measure its insides, and the command's and the demo's tests
 * check some of them: those packages are exported to these modules only. The demo's allocation audit reads
 * pods with the scheduler's null-safe readers ({@code kube}).
 */
// "module": the modules named in qualified exports are built after this one.
// fabric8's jars name no module: javac derives their names from the file names, and would warn at each one.
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module io.hami.scheduler {
    requires transitive io.hami.model;
    // The listeners; the webhook's answers are its Responses.
    requires transitive io.hami.http;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.slf4j;
    requires tools.jackson.databind;
    requires transitive kubernetes.client.api;
    requires kubernetes.model.admissionregistration;
    requires kubernetes.model.coordination;
    requires kubernetes.model.core;
    requires zjsonpatch;

    exports io.hami.scheduler;
    exports io.hami.scheduler.certs;
    exports io.hami.scheduler.daemon;
    exports io.hami.scheduler.vendor;

    exports io.hami.scheduler.snapshot to io.hami.benchmarks, io.hami.cli, io.hami.demo;
    exports io.hami.scheduler.state to io.hami.benchmarks, io.hami.cli, io.hami.demo;
    exports io.hami.scheduler.inventory to io.hami.benchmarks, io.hami.cli, io.hami.demo;
    exports io.hami.scheduler.metrics to io.hami.benchmarks, io.hami.cli;
    exports io.hami.scheduler.usage to io.hami.benchmarks, io.hami.cli, io.hami.demo;

    exports io.hami.scheduler.apiserver to io.hami.benchmarks;
    exports io.hami.scheduler.fit to io.hami.cli;
    exports io.hami.scheduler.bind to io.hami.benchmarks;
    exports io.hami.scheduler.events to io.hami.benchmarks;
    exports io.hami.scheduler.extender to io.hami.benchmarks;
    exports io.hami.scheduler.filter to io.hami.benchmarks, io.hami.cli, io.hami.demo;
    exports io.hami.scheduler.http to io.hami.benchmarks;
    exports io.hami.scheduler.quota to io.hami.benchmarks;
    exports io.hami.scheduler.webhook to io.hami.benchmarks;

    exports io.hami.scheduler.kube to io.hami.demo;
    exports io.hami.scheduler.request to io.hami.demo;
}
