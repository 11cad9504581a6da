// Which build we are in. `process.env.TARO_ENV` is replaced at compile time,
// so the branch for the other platform is dropped from the bundle.
export const IS_H5 = process.env.TARO_ENV === 'h5';
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';
