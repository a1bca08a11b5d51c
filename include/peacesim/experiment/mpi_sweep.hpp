#pragma once
// One sweep spread over the processes of an MPI job (`mpirun -n N peacesim sweep ...`): rank 0
// hands out run indices on demand and alone writes the database; every other rank runs what it
// is given on its own worker threads and sends each finished run back whole. A run depends only
// on its plan, so the database is the one a single-process sweep writes, wall times apart,
// whatever N. Nothing here touches MPI unless a Cluster is constructed, and the command builds
// one only when mpi_launched() says an MPI launcher started it.
#include <functional>
#include <memory>
#include <string>

#include "peacesim/experiment/experiment.hpp"
#include "peacesim/experiment/sweep.hpp"

namespace peacesim::experiment {

/// True when an MPI launcher started this process (Open MPI's OMPI_COMM_WORLD_SIZE, or the
/// PMI_SIZE / PMIX_RANK that MPICH, Slurm's srun and PMIx set). Reads the environment only.
bool mpi_launched() noexcept;

/// This process's place in an MPI job. Construct at most one, and only under an MPI launcher:
/// it initialises MPI (boost::mpi::environment) and finalises it when destroyed.
class Cluster {
  public:
    Cluster();
    ~Cluster();
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    int rank() const noexcept;
    int size() const noexcept;

    /// Rank 0 of a job of two or more: loads the experiment with `load`, checks that every rank
    /// loaded the same one, then sweeps it into `db_path` as sweep() does (same options, same
    /// database, same report), with the other ranks running the runs. `options.jobs` is unused
    /// here (rank 0 runs nothing). Whatever goes wrong (the experiment, the database, another
    /// rank's copy of the experiment) is thrown here after the other ranks have been told to
    /// stop, so the job ends cleanly.
    SweepReport lead(const std::function<Experiment()>& load, const std::string& db_path,
                     const SweepOptions& options);

    /// Any other rank: loads the experiment with `load` (a failure is sent to rank 0, which
    /// reports it), then runs the runs rank 0 hands out, `options.jobs` at once, until rank 0
    /// says stop. `options.before_run` and `options.interrupt` apply to the runs as in sweep().
    /// Returns false when rank 0 called the sweep off before it began (its message says why).
    bool serve(const std::function<Experiment()>& load, const SweepOptions& options);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace peacesim::experiment
