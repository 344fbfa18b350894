package network.mmc.gpu.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

/**
 * Synchronous data-parallel training over workers: each step cuts the batch into one shard per worker, sends them at
 * once, adds the answers in the order they arrive and applies the update. One shard per step, drawn at random, is
 * re-computed here and must equal the worker's answer bit for bit; a worker that answered wrongly is excluded, and
 * training goes back to the step before its first unchecked answer (those steps are run again by the others), so
 * the result is the one a single machine computes. A worker that fails has its shard run by the next one.
 */
public final class DataParallelTrainer {

    /** How a run went: the final parameters, the workers excluded for a wrong answer and the steps run again. */
    public record Result(MlpParameters parameters, List<String> excluded, int shardsChecked, int stepsRepeated) {
    }

    private record Answer(int shard, GradientWorker worker, GradientSums sums) {
    }

    private final TrainingPlan plan;
    private final Samples training;
    private final ShardGradients reference;
    private final ExecutorService pool;
    private final RandomGenerator random;

    public DataParallelTrainer(TrainingPlan plan, Samples training, ShardGradients reference, ExecutorService pool,
                               RandomGenerator random) {
        this.plan = plan;
        this.training = training;
        this.reference = reference;
        this.pool = pool;
        this.random = random;
    }

    public Result train(List<? extends GradientWorker> workers) {
        BatchSchedule schedule = plan.schedule(training);
        List<GradientWorker> active = new ArrayList<>(workers);
        Set<String> excluded = new LinkedHashSet<>();
        Map<GradientWorker, Integer> firstUnchecked = new HashMap<>();
        List<MlpParameters> history = new ArrayList<>(List.of(plan.initialParameters()));
        int checked = 0;
        int repeated = 0;
        int step = 0;
        while (step < plan.steps()) {
            if (active.isEmpty()) {
                throw new IllegalStateException("no worker is left to train step " + step + " (excluded: " + excluded + ")");
            }
            MlpParameters parameters = history.get(step);
            Samples batch = training.select(schedule.batch(step));
            ShardSplit split = new ShardSplit(batch.count(), active.size());
            List<Answer> answers = run(parameters, batch, split, active);
            GradientSums total = GradientSums.zero(plan.shape());
            for (Answer answer : answers) {
                total = total.plus(answer.sums());
            }
            Answer drawn = answers.get(random.nextInt(answers.size()));
            checked++;
            if (!reference.gradients(parameters, batch.range(split.from(drawn.shard()), split.to(drawn.shard())))
                    .equals(drawn.sums())) {
                GradientWorker cheat = drawn.worker();
                active.remove(cheat);
                excluded.add(cheat.name());
                int back = Math.min(step, firstUnchecked.getOrDefault(cheat, step));
                repeated += step - back;
                step = back;
                history.subList(step + 1, history.size()).clear();
                firstUnchecked.values().removeIf(first -> first >= back);
                firstUnchecked.remove(cheat);
                continue;
            }
            for (Answer answer : answers) {
                if (answer != drawn) {
                    firstUnchecked.putIfAbsent(answer.worker(), step);
                }
            }
            history.add(plan.update().apply(parameters, total));
            step++;
        }
        return new Result(history.get(plan.steps()), List.copyOf(excluded), checked, repeated);
    }

    /** Every shard's answer, in arrival order; a failed shard goes to the next worker, in turn. */
    private List<Answer> run(MlpParameters parameters, Samples batch, ShardSplit split, List<GradientWorker> active) {
        CompletionService<Answer> done = new ExecutorCompletionService<>(pool);
        for (int shard = 0; shard < split.count(); shard++) {
            submit(done, parameters, batch, split, shard, active);
        }
        List<Answer> answers = new ArrayList<>();
        while (answers.size() < split.count()) {
            try {
                answers.add(done.take().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for gradients", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
        }
        return answers;
    }

    private void submit(CompletionService<Answer> done, MlpParameters parameters, Samples batch, ShardSplit split,
                        int shard, List<GradientWorker> active) {
        Samples samples = batch.range(split.from(shard), split.to(shard));
        done.submit(() -> {
            List<String> failures = new ArrayList<>();
            for (int attempt = 0; attempt < active.size(); attempt++) {
                GradientWorker worker = active.get((shard + attempt) % active.size());
                try {
                    return new Answer(shard, worker, worker.gradients(parameters, samples));
                } catch (RuntimeException e) {
                    failures.add(worker.name() + ": " + e.getMessage());
                }
            }
            throw new IllegalStateException("shard " + shard + " failed on every worker: " + failures);
        });
    }
}
