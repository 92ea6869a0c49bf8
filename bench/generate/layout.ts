// The shape of the synthetic tree: top-level directories like the kernel's, with their shares of
// files and commits, and the drivers that come, go and move during the history.

/** How a directory's files are named and written. */
export type Flavor = 'c' | 'doc' | 'bindings' | 'include' | 'tools' | 'scripts' | 'rust' | 'dts' | 'configs' | 'root';

export interface TopSpec {
  name: string;
  files: number; // share of files
  commits: number; // share of commits
  flavor: Flavor;
  area: 'sub' | 'self';
  names: string[];
}

export const DRIVER_SUBSYS = (
  'net gpu media staging usb scsi infiniband iio pinctrl clk phy soc hid input platform mmc mtd spi i2c ' +
  'tty pci nvme md firmware crypto thermal power regulator remoteproc vfio vdpa virtio acpi base dma ' +
  'edac hwmon leds misc watchdog bluetooth cpufreq mfd rtc interconnect accel cxl hv iommu perf'
).split(' ');

export const DRIVER_LEAVES: Record<string, string[]> = {
  net: 'ethernet wireless phy can dsa usb ipa wwan pcs team bonding hyperv ipvlan vxlan ppp mdio'.split(' '),
  gpu: 'drm host1x ipu-v3 trace vga'.split(' '),
  media: 'platform usb i2c pci dvb-frontends rc tuners common v4l2-core cec'.split(' '),
  staging: 'rtl8723bs media greybus vc04_services fbtft iio most nvec octeon sm750fb vme_user axis-fifo'.split(' '),
  usb: 'core host gadget dwc3 typec serial storage misc musb cdns3 chipidea class'.split(' '),
  scsi: 'lpfc qla2xxx mpt3sas megaraid ufs smartpqi be2iscsi hisi_sas'.split(' '),
  infiniband: 'hw core ulp sw'.split(' '),
  vdpa: 'mlx5 vdpa_sim ifcvf alibaba octeon_ep pds solidrun virtio_pci vdpa_user'.split(' '),
  iio: 'adc dac imu light accel pressure temperature magnetometer'.split(' '),
  soc: 'qcom fsl samsung mediatek tegra ti renesas rockchip'.split(' '),
  platform: 'x86 chrome mellanox surface'.split(' '),
};
/** Staging drivers that leave the tree over time, and ones that graduate into a subsystem. */
export const STAGING_REMOVED = 'wlan-ng ks7010 emxx_udc pi433 qlge rts5208 gdm724x rtl8188eu mt7621-dma kpc2000'.split(' ');
export const STAGING_MOVED: Array<[string, string]> = [
  ['wfx', 'net'],
  ['atomisp', 'media'],
  ['ad7280a', 'iio'],
  ['gasket', 'misc'],
  ['hikey9xx', 'phy'],
  ['mfd-tps', 'mfd'],
];

export const TOPS: TopSpec[] = [
  { name: 'drivers', files: 0.42, commits: 0.5, flavor: 'c', area: 'sub', names: DRIVER_SUBSYS },
  {
    name: 'arch',
    files: 0.21,
    commits: 0.12,
    flavor: 'c',
    area: 'sub',
    names: 'arm64 x86 arm powerpc riscv mips s390 loongarch sparc m68k parisc sh xtensa alpha csky hexagon microblaze nios2 openrisc arc um'.split(' '),
  },
  {
    name: 'Documentation',
    files: 0.095,
    commits: 0.05,
    flavor: 'doc',
    area: 'sub',
    names: 'devicetree admin-guide driver-api filesystems networking translations userspace-api process core-api arch ABI gpu sound trace dev-tools mm virt power scsi usb hwmon'.split(' '),
  },
  {
    name: 'include',
    files: 0.065,
    commits: 0.05,
    flavor: 'include',
    area: 'sub',
    names: 'linux uapi net dt-bindings drm sound trace media asm-generic kvm rdma scsi crypto soc video xen acpi clocksource keys target'.split(' '),
  },
  {
    name: 'tools',
    files: 0.065,
    commits: 0.06,
    flavor: 'tools',
    area: 'sub',
    names: 'testing perf lib include bpf arch power net objtool build scripts tracing virtio memory-model'.split(' '),
  },
  { name: 'sound', files: 0.033, commits: 0.03, flavor: 'c', area: 'sub', names: 'soc pci usb core hda drivers isa firewire i2c spi'.split(' ') },
  {
    name: 'fs',
    files: 0.033,
    commits: 0.06,
    flavor: 'c',
    area: 'sub',
    names: 'ext4 btrfs xfs nfs f2fs smb ceph ocfs2 gfs2 nfsd overlayfs fuse proc erofs bcachefs jfs udf ntfs3 exfat afs 9p ext2 fat isofs nilfs2 squashfs ubifs orangefs hfsplus netfs iomap quota notify crypto verity kernfs debugfs tracefs'.split(' '),
  },
  {
    name: 'net',
    files: 0.026,
    commits: 0.055,
    flavor: 'c',
    area: 'sub',
    names: 'core ipv4 ipv6 mac80211 bluetooth netfilter sched wireless mptcp tipc xfrm sctp smc bridge openvswitch dsa rxrpc sunrpc can batman-adv unix packet vmw_vsock ethtool devlink netlink 8021q l2tp mpls nfc psample qrtr rds'.split(' '),
  },
  { name: 'kernel', files: 0.007, commits: 0.025, flavor: 'c', area: 'self', names: 'sched bpf trace time locking rcu irq printk cgroup events power dma futex'.split(' ') },
  { name: 'mm', files: 0.003, commits: 0.015, flavor: 'c', area: 'self', names: 'kasan damon kfence kmsan'.split(' ') },
  { name: 'lib', files: 0.008, commits: 0.01, flavor: 'c', area: 'self', names: 'crypto zstd kunit math xz raid6 vdso'.split(' ') },
  { name: 'scripts', files: 0.008, commits: 0.009, flavor: 'scripts', area: 'self', names: 'kconfig mod dtc gdb coccinelle package basic kernel-doc'.split(' ') },
  { name: 'security', files: 0.004, commits: 0.006, flavor: 'c', area: 'sub', names: 'selinux apparmor smack integrity keys landlock tomoyo'.split(' ') },
  { name: 'crypto', files: 0.003, commits: 0.004, flavor: 'c', area: 'self', names: 'asymmetric_keys async_tx'.split(' ') },
  { name: 'block', files: 0.0015, commits: 0.004, flavor: 'c', area: 'self', names: 'partitions'.split(' ') },
  { name: 'samples', files: 0.004, commits: 0.002, flavor: 'c', area: 'self', names: 'bpf kprobes ftrace vfio-mdev rust'.split(' ') },
  { name: 'rust', files: 0.002, commits: 0.003, flavor: 'rust', area: 'self', names: 'kernel macros bindings uapi'.split(' ') },
  { name: 'virt', files: 0.0008, commits: 0.002, flavor: 'c', area: 'self', names: 'kvm lib'.split(' ') },
  { name: 'io_uring', files: 0.0006, commits: 0.003, flavor: 'c', area: 'self', names: [] },
  { name: 'init', files: 0.0003, commits: 0.001, flavor: 'c', area: 'self', names: [] },
  { name: 'ipc', files: 0.0002, commits: 0.0005, flavor: 'c', area: 'self', names: [] },
  { name: 'usr', files: 0.0002, commits: 0.0002, flavor: 'c', area: 'self', names: [] },
  { name: 'certs', files: 0.0002, commits: 0.0002, flavor: 'c', area: 'self', names: [] },
];
export const ROOT_COMMITS = 0.012;
export const ROOT_FILES = ['MAINTAINERS', 'Makefile', 'README', 'COPYING', 'CREDITS', 'Kconfig', '.gitignore', '.clang-format', '.get_maintainer.ignore', '.cocciconfig'];
