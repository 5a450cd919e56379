#!/bin/bash
# A parameter sweep of caspian as a Slurm job array: one task per shard.
#
#   sbatch docs/examples/sweep-slurm.sh          # submits the 8 shards
#   sbatch --dependency=afterok:JOBID docs/examples/sweep-merge-slurm.sh
#
# Every task runs the same command with its own --shard; the shards are
# joined afterwards with 'sim merge' (see docs/cluster.md). --resume lets a
# task that was stopped (time limit, preemption, node failure) and run
# again go on from the points it had finished.
#SBATCH --job-name=caspian-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --mem=2G
#SBATCH --time=02:00:00
#SBATCH --output=results/logs/shard-%a.log
#SBATCH --requeue

set -euo pipefail
SHARDS=8  # must match --array=0-(SHARDS-1)

bin/sim sweep azerbaijan-1991 \
  --param agents.AZE.threat_response=-1:1:9 \
  --param model.temperature=0.0001:0.001:9 \
  --runs 200 --seed 1 \
  --workers "${SLURM_CPUS_PER_TASK}" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" \
  --out "results/shard-${SLURM_ARRAY_TASK_ID}" \
  --resume
