import { coreServices, createServiceFactory, type SchedulerService, type SchedulerServiceTaskInvocationDefinition, type ServiceFactory } from '@backstage/backend-plugin-api';

/** A scheduler whose tasks run only when the test says so. */
export interface ManualScheduler {
  /** the service factory to add to the test backend's features */
  factory: ServiceFactory<SchedulerService, 'plugin', 'singleton'>;
  /** runs task `id` once and waits for it (throws when no plugin scheduled it) */
  run(id: string): Promise<void>;
  /** the ids scheduled so far */
  ids(): string[];
}

/**
 * A scheduler for test backends that never runs a task by itself: plugins schedule their
 * periodic work (CRL refresh, LDAP publication, the seal plugin's service keys, probe rounds) and
 * the test runs exactly the tasks it needs, when it needs them.
 */
export function manualScheduler(): ManualScheduler {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const service: SchedulerService = {
    async scheduleTask(task: SchedulerServiceTaskInvocationDefinition) {
      tasks.set(task.id, task);
    },
    createScheduledTaskRunner() {
      return { run: async (task: SchedulerServiceTaskInvocationDefinition) => void tasks.set(task.id, task) };
    },
    async triggerTask(id: string) {
      await run(id);
    },
    async getScheduledTasks() {
      return [...tasks.keys()].map(id => ({ id, scope: 'global' as const, settings: { version: 1 } }));
    },
  } as unknown as SchedulerService;
  async function run(id: string) {
    const task = tasks.get(id);
    if (!task) throw new Error(`no task ${id} was scheduled (scheduled: ${[...tasks.keys()].join(', ')})`);
    await task.fn(new AbortController().signal as any);
  }
  return {
    factory: createServiceFactory({ service: coreServices.scheduler, deps: {}, factory: () => service }),
    run,
    ids: () => [...tasks.keys()],
  };
}
