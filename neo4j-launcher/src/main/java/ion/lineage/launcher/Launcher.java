package ion.lineage.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Starts an embedded Neo4j Community with only the Bolt connector, bound to loopback.
 *
 * Usage: Launcher --data DIR [--port 7687] [--also DIR PORT ...] [--host 127.0.0.1] [--pagecache 512m]
 *        [--tx-memory 1g] [--setting name=value ...] [--exit-on-stdin-close]
 * Prints "NEO4J_READY bolt://host:port" (one URI per database) on stdout once Bolt accepts
 * connections, and shuts down cleanly on SIGTERM/SIGINT (the JVM runs the shutdown hook) or when
 * stdin closes with --exit-on-stdin-close, so a crashed parent never leaves an orphan database
 * holding the lock. Each --also serves one more database, with its own folder and port, from the
 * same JVM: separate stores that share the JVM's compiled code (the test workers' databases).
 */
public final class Launcher {
    private record Instance(Path data, int port) {}

    public static void main(String[] args) throws Exception {
        String data = null;
        String host = "127.0.0.1";
        int port = 7687;
        String pageCache = "512m";
        String txMemory = "1g";
        boolean exitOnStdinClose = false;
        List<String> settings = new ArrayList<>();
        List<Instance> more = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--also" -> more.add(new Instance(Path.of(args[++i]), Integer.parseInt(args[++i])));
                case "--host" -> host = args[++i];
                case "--pagecache" -> pageCache = args[++i];
                case "--tx-memory" -> txMemory = args[++i];
                case "--setting" -> settings.add(args[++i]);
                case "--exit-on-stdin-close" -> exitOnStdinClose = true;
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (data == null) {
            System.err.println("--data DIR is required");
            System.exit(2);
        }
        List<Instance> instances = new ArrayList<>();
        instances.add(new Instance(Path.of(data), port));
        instances.addAll(more);

        List<DatabaseManagementService> started = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J_STOPPING");
            started.forEach(DatabaseManagementService::shutdown);
            System.out.println("NEO4J_STOPPED");
            stopped.countDown();
        }, "neo4j-shutdown"));

        // Any other neo4j.conf setting, by name: the builder takes names and text values from a
        // properties file only (the typed settings in start() override them).
        Path conf = null;
        if (!settings.isEmpty()) {
            conf = Files.createTempFile("neo4j-launcher-", ".conf");
            Files.write(conf, settings);
        }
        StringBuilder uris = new StringBuilder();
        for (Instance instance : instances) {
            DatabaseManagementService dbms = start(instance, host, pageCache, txMemory, conf);
            started.add(dbms);
            // Touch the default database so it is fully started before we say ready.
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
            uris.append(uris.isEmpty() ? "" : " ").append("bolt://").append(host).append(':').append(instance.port());
        }
        if (conf != null) Files.delete(conf);
        System.out.println("NEO4J_READY " + uris);
        System.out.flush();

        if (exitOnStdinClose) {
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() != -1) { /* drain */ }
                } catch (Exception ignored) {
                    // stdin broken: treat like closed
                }
                System.exit(0);
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    private static DatabaseManagementService start(Instance instance, String host, String pageCache, String txMemory, Path conf) {
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(instance.data().toAbsolutePath());
        if (conf != null) builder.loadPropertiesFromFile(conf);
        return builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, instance.port()))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, instance.port()))
                .setConfig(HttpConnector.enabled, false)
                // Loopback only and started by the project itself: no credentials to manage.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, org.neo4j.io.ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, org.neo4j.io.ByteUnit.parse(txMemory))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                // Bolt waits up to 10 s for idle connections at shutdown by default; our clients
                // have closed theirs by then, so Ctrl-C and test teardown need not wait.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
    }
}
