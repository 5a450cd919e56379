#!/bin/bash
# Joins the shards of docs/examples/sweep-slurm.sh once they are all done:
#   sbatch --dependency=afterok:JOBID docs/examples/sweep-merge-slurm.sh
#SBATCH --job-name=caspian-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=00:10:00
#SBATCH --output=results/logs/merge.log

set -euo pipefail
bin/sim merge results/shard-* --out results/sweep
